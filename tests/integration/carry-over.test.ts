import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { SessionUser } from "@/lib/server/auth/current-user";
import { carryOver } from "@/lib/server/carry-over/carry-over";
import { carryOverCandidates } from "@/lib/server/carry-over/carry-over-candidates";
import { proposeAnnualPlan } from "@/lib/server/annual-plans/propose-annual-plan";
import { saveReport } from "@/lib/server/reports/save-report";
import { planRollup } from "@/lib/server/rollups/plan-rollup";
import { groupRollup } from "@/lib/server/rollups/group-rollup";
import { trend } from "@/lib/server/rollups/trend";
import { projectFigures } from "@/lib/server/rollups/project-figures";
import { makePlan, makeProject } from "@/lib/server/seed/factories";
import { makeAnnualPlan, makeMilestone, makeReport } from "@/lib/server/seed/report-factories";
import { expectAppError, sessionFor } from "../support/users";

// 续建: projects of a finished plan continue in the new plan from a cut-over period. Figures continue
// exactly; nothing is counted twice; earlier periods of the old plan are unchanged.
let admin: SessionUser;
beforeAll(async () => {
  admin = await sessionFor("ADMIN");
});

async function twoPlans() {
  const old = await makePlan(db, { unitNames: ["甲县", "乙县"] });
  const next = await makePlan(db, { unitNames: ["甲县", "丙县"] });
  await db.plan.update({ where: { id: next.plan.id }, data: { periodStart: 2026, periodEnd: 2030 } });
  const line = await makeProject(db, { planId: old.plan.id, sectionId: old.section.id, unitId: old.units[0].id, name: "甲县医院门诊楼", totalWan: "5000" });
  const bundle = await makeProject(db, {
    planId: old.plan.id,
    sectionId: old.section.id,
    unitId: old.units[0].id,
    name: "甲县乡镇卫生院打包",
    totalWan: "800",
  });
  const child = await makeProject(db, {
    planId: old.plan.id,
    sectionId: old.section.id,
    unitId: old.units[0].id,
    name: "某镇卫生院",
    totalWan: null,
    parentId: bundle.id,
  });
  const done = await makeProject(db, { planId: old.plan.id, sectionId: old.section.id, unitId: old.units[0].id, name: "已竣工项目", totalWan: "100" });
  await db.project.update({ where: { id: done.id }, data: { status: "COMPLETED" } });
  for (const [period, wan] of [
    ["2025-11", "100"],
    ["2025-12", "50"],
    ["2026-01", "30"],
  ] as const)
    await makeReport(db, { projectId: line.id, period, status: "APPROVED", completedWan: wan });
  await makeReport(db, { projectId: line.id, period: "2026-02", status: "SUBMITTED", completedWan: "7" });
  await makeAnnualPlan(db, { projectId: line.id, year: 2025, amountWan: "400" });
  await makeAnnualPlan(db, { projectId: line.id, year: 2026, amountWan: "600" });
  const doneMs = await makeMilestone(db, { projectId: line.id, code: "START", planned: "2024-03-01", actual: "2024-03-10" });
  const openMs = await makeMilestone(db, { projectId: line.id, code: "COMPLETE", planned: "2026-10-01" });
  const childMs = await makeMilestone(db, { projectId: child.id, code: "START", planned: "2026-05-01" });
  return { old, next, line, bundle, child, done, doneMs, openMs, childMs };
}

const input = (w: Awaited<ReturnType<typeof twoPlans>>, projects: { id: number; version: number }[], cutoverPeriod = "2026-01") => ({
  fromPlanId: w.old.plan.id,
  toPlanId: w.next.plan.id,
  cutoverPeriod,
  projects,
  unitMap: { [String(w.old.units[0].id)]: w.next.units[0].id },
  sectionMap: { [String(w.old.section.id)]: w.next.section.id },
});
const total = async (planId: number, period: string) => (await groupRollup(db, { planId, period }, [[]], "MONTHLY"))[0][0];

describe("carry-over (续建)", () => {
  it("offers the unfinished lines with same-name mappings, then carries them: figures continue, nothing counted twice, the past unchanged", async () => {
    const w = await twoPlans();
    const before2025 = await total(w.old.plan.id, "2025-12");
    const offer = await carryOverCandidates(admin, { toPlanId: w.next.plan.id, fromPlanId: w.old.plan.id });
    expect(offer.projects.map((p) => p.name)).toEqual(["甲县医院门诊楼", "甲县乡镇卫生院打包"]);
    expect(offer.defaults).toMatchObject({ cutoverPeriod: "2026-01", unitMap: { [String(w.old.units[0].id)]: w.next.units[0].id } });

    const result = await carryOver(
      admin,
      input(
        w,
        offer.projects.map((p) => ({ id: p.id, version: p.version })),
      ),
    );
    expect(result).toMatchObject({ carried: 2, subProjects: 1, reportsMoved: 2 });
    const successor = await db.project.findUniqueOrThrow({ where: { predecessorId: w.line.id } });
    expect(successor).toMatchObject({
      planId: w.next.plan.id,
      unitId: w.next.units[0].id,
      sourceKind: "CARRIED",
      nature: "CONTINUED",
      cutoverPeriod: "2026-01",
    });
    expect((await db.project.findUniqueOrThrow({ where: { id: w.line.id } })).endPeriod).toBe("2026-01");
    const childSucc = await db.project.findUniqueOrThrow({ where: { predecessorId: w.child.id } });
    expect(childSucc.parentId).toBe((await db.project.findUniqueOrThrow({ where: { predecessorId: w.bundle.id } })).id);

    // The old plan's past is unchanged; from the cut-over it no longer counts the carried lines.
    expect(await total(w.old.plan.id, "2025-12")).toEqual(before2025);
    const old2026 = await total(w.old.plan.id, "2026-01");
    expect(old2026).toMatchObject({ projectCount: 1, totalWan: "100.0000", completedToDateWan: null });
    // The new plan continues: 累计 = 150 before the cut-over + 30; 本年累计 2026 = 30; 年度计划 2026 moved.
    const [fig] = await projectFigures({ planId: w.next.plan.id, period: "2026-01", projectIds: [successor.id] });
    expect(fig).toMatchObject({ cumulativeWan: "180.0000", yearToDateWan: "30.0000", periodWan: "30.0000", annualPlanWan: "600.0000", totalWan: "5000.0000" });
    expect((await projectFigures({ planId: w.next.plan.id, period: "2026-02", projectIds: [successor.id], includeSubmitted: true }))[0].cumulativeWan).toBe(
      "187.0000",
    );
    const new2026 = await total(w.next.plan.id, "2026-01");
    expect(new2026).toMatchObject({ projectCount: 2, totalWan: "5800.0000", completedToDateWan: "180.0000", annualPlanWan: "600.0000" });
    // The dashboard's trend line reads the same lineage: 本年累计 at 2026-01 is the 30 filed in January.
    const points = await trend(db, { planId: w.next.plan.id, period: "2026-01" }, "MONTHLY");
    expect(points[0]).toMatchObject({ period: "2026-01", completedWan: "30.0000", cumulativeWan: "30.0000" });
    // Together the two plans count each project and each amount once.
    expect(old2026.projectCount + new2026.projectCount).toBe(3);
    // The old plan keeps its 2025 annual plan; milestones not yet done moved, done ones stayed.
    expect((await db.annualPlanAmount.findMany({ where: { projectId: w.line.id } })).map((a) => a.year)).toEqual([2025]);
    expect((await db.milestone.findUniqueOrThrow({ where: { id: w.doneMs.id } })).projectId).toBe(w.line.id);
    expect((await db.milestone.findUniqueOrThrow({ where: { id: w.openMs.id } })).projectId).toBe(successor.id);
    expect((await db.milestone.findUniqueOrThrow({ where: { id: w.childMs.id } })).projectId).toBe(childSucc.id);
    // Plan-level figures (plan list, plan page) as of today: the carried lines belong to the new plan.
    const oldUnits = await planRollup(w.old.plan.id, "unit");
    expect(oldUnits.find((u) => u.name === "甲县")).toMatchObject({ projectCount: 1, totalWan: "100.0000" });
    const audit = await db.auditEvent.findMany({ where: { entityType: "Project", entityId: String(w.line.id), action: "project.carryOver" } });
    expect(audit).toHaveLength(1);
    expect(audit[0].reason).toContain("续建：自2026年1月起");
    // Nothing left to offer.
    expect((await carryOverCandidates(admin, { toPlanId: w.next.plan.id, fromPlanId: w.old.plan.id })).projects).toHaveLength(0);
  });

  it("after the cut-over the old row takes no reports or annual plans for its later periods; an archived plan takes none at all", async () => {
    const w = await twoPlans();
    await carryOver(admin, input(w, [{ id: w.line.id, version: w.line.version }]));
    const officer = await sessionFor("COUNTY_OFFICER", [w.old.units[0].id]);
    const late = await expectAppError(
      saveReport(officer, { projectId: w.line.id, period: "2026-03", moneyUnit: "wan", completedAmount: "1", outOfPeriodReason: "续建" }),
      "VALIDATION",
    );
    expect(late.message).toContain("已不在本规划");
    await saveReport(officer, { projectId: w.line.id, period: "2025-10", moneyUnit: "wan", completedAmount: "1" });
    await expectAppError(proposeAnnualPlan(officer, { projectId: w.line.id, year: 2026, amount: "1", moneyUnit: "wan" }), "VALIDATION");
    await db.plan.update({ where: { id: w.old.plan.id }, data: { archivedAt: new Date() } });
    await expectAppError(saveReport(officer, { projectId: w.line.id, period: "2025-09", moneyUnit: "wan", completedAmount: "1" }), "FORBIDDEN");
    expect(await db.progressReport.count({ where: { projectId: w.line.id, period: "2025-09" } })).toBe(0);
  });

  it("refuses what it cannot carry, and changes nothing", async () => {
    const w = await twoPlans();
    const v = (p: { id: number; version: number }) => ({ id: p.id, version: p.version });
    const officer = await sessionFor("COUNTY_OFFICER", [w.old.units[0].id]);
    await expectAppError(carryOver(officer, input(w, [v(w.line)])), "FORBIDDEN");
    expect((await expectAppError(carryOver(admin, input(w, [v(w.done)])), "VALIDATION")).message).toContain("已竣工");
    expect((await expectAppError(carryOver(admin, { ...input(w, [v(w.line)]), unitMap: {} }), "VALIDATION")).fieldErrors).toEqual({
      unitMap: ["有单位未对应到新规划的单位"],
    });
    expect((await expectAppError(carryOver(admin, input(w, [v(w.line)], "2025-12")), "VALIDATION")).fieldErrors).toEqual({
      cutoverPeriod: ["切换期次不在新规划的规划期内"],
    });
    await expectAppError(carryOver(admin, input(w, [v(w.line)], "2026-13")), "VALIDATION");
    await expectAppError(carryOver(admin, input(w, [{ id: w.line.id, version: w.line.version + 5 }])), "CONFLICT");
    await db.plan.update({ where: { id: w.next.plan.id }, data: { reportingCycle: "QUARTERLY" } });
    expect((await expectAppError(carryOver(admin, input(w, [v(w.line)], "2026-Q1")), "VALIDATION")).message).toContain("填报周期不同");
    expect(await db.project.count({ where: { predecessorId: w.line.id } })).toBe(0);
    expect((await db.project.findUniqueOrThrow({ where: { id: w.line.id } })).endPeriod).toBeNull();
  });

  it("20 concurrent carry-overs of the same projects: exactly one applies", async () => {
    const w = await twoPlans();
    const body = input(w, [{ id: w.line.id, version: w.line.version }]);
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => carryOver(admin, body)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason.code)).toEqual(Array(19).fill("CONFLICT"));
    expect(await db.project.count({ where: { predecessorId: w.line.id } })).toBe(1);
    expect(await db.auditEvent.count({ where: { entityType: "Project", entityId: String(w.line.id), action: "project.carryOver" } })).toBe(1);
  });
});
