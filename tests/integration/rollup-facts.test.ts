import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { drillProjects } from "@/lib/server/rollups/drill-projects";
import { cachedGroupRollup, groupRollup, stampedGroupRollup, type Dim } from "@/lib/server/rollups/group-rollup";
import { cachedStatement } from "@/lib/server/rollups/rollup-cache";
import { ensureRollupFacts, keptFactsVersion } from "@/lib/server/rollups/rollup-facts";
import { makePlan } from "@/lib/server/seed/factories";
import { makeAnnualPlan, makeMilestone, makeProjectWith, makeReport } from "@/lib/server/seed/report-factories";

// Kept rollup facts (issue #17): the period-independent facts of a plan's projects are kept per
// portfolio version, so a rollup after an approval does not recompute them. A kept copy must give
// exactly the figures the rollup computes itself, must stop being read the moment a project or
// milestone changes, and must survive approvals (they do not change it).
const SETS: Dim[][] = [[], ["unit"], ["category"], ["year"], ["status"]];
const PERIODS = ["2024-06", "2025-03", "2025-12"];

async function portfolio() {
  const { plan, section, units } = await makePlan(db, { unitNames: ["甲县", "乙县"] });
  const at = { planId: plan.id, sectionId: section.id };
  const started = await makeProjectWith(db, { ...at, unitId: units[0].id, status: "CONSTRUCTION", startYear: 2023, endYear: 2025 });
  await makeMilestone(db, { projectId: started.id, code: "START", planned: "2024-03-01", actual: "2024-04-01" });
  await makeMilestone(db, { projectId: started.id, code: "COMPLETE", planned: "2025-06-30" });
  const late = await makeProjectWith(db, { ...at, unitId: units[1].id, startYear: 2024, endYear: 2026, totalWan: null });
  await makeMilestone(db, { projectId: late.id, code: "START", planned: "2024-05-01" });
  const bundle = await makeProjectWith(db, { ...at, unitId: units[1].id, status: "CONSTRUCTION", totalWan: "300" });
  const child = await makeProjectWith(db, { ...at, unitId: units[1].id, parentId: bundle.id, totalWan: null, status: "COMPLETED" });
  await makeMilestone(db, { projectId: child.id, code: "COMPLETE", planned: "2024-12-31", actual: "2024-12-20" });
  const left = await makeProjectWith(db, { ...at, unitId: units[0].id });
  await db.project.update({ where: { id: left.id }, data: { endPeriod: "2025-01" } });
  for (const p of [started, late, bundle, left]) {
    await makeAnnualPlan(db, { projectId: p.id, year: 2025, amountWan: "40" });
    await makeReport(db, { projectId: p.id, period: "2025-02", status: "APPROVED", completedWan: "12.3456", funds: { local: "5" } });
  }
  const pending = await makeReport(db, { projectId: started.id, period: "2025-03", status: "SUBMITTED", completedWan: "7" });
  return { plan, started, late, bundle, units, pending };
}

// Every grouping and the drill lists, read through the kept copy and computed in the statement.
async function expectKeptEqualsComputed(planId: number) {
  const version = await keptFactsVersion(db, planId);
  expect(version, "a kept copy of the current portfolio version").toBeDefined();
  for (const period of PERIODS) {
    for (const includeSubmitted of [false, true]) {
      const kept = { planId, period, includeSubmitted, factsVersion: version };
      const computed = { planId, period, includeSubmitted, fromReports: true };
      const read = await stampedGroupRollup(db, kept, SETS, "MONTHLY");
      expect(read.factsCurrent, "the statement read the current kept copy").toBe(true);
      expect(read.stamps.portfolio).toBe(version);
      expect(read.value, `${period} ${includeSubmitted}`).toEqual(await groupRollup(db, computed, SETS, "MONTHLY"));
      for (const figure of ["overdue", "notReported", "started", "onTime"] as const) {
        expect(await drillProjects(db, { ...kept, key: {}, figure }), `${figure} ${period}`).toEqual(await drillProjects(db, { ...computed, key: {}, figure }));
      }
    }
  }
}

describe("kept rollup facts", () => {
  it("give the computed figures exactly, follow project and milestone changes, and survive approvals", async () => {
    const { plan, started, pending } = await portfolio();
    expect(await keptFactsVersion(db, plan.id), "nothing kept before a rollup asked").toBeUndefined();
    await ensureRollupFacts(plan.id);
    await expectKeptEqualsComputed(plan.id);
    const version = await keptFactsVersion(db, plan.id);

    // An approval changes the reports only: the same copy is still read.
    await db.progressReport.update({ where: { id: pending.id }, data: { status: "APPROVED", isOfficial: true } });
    expect(await keptFactsVersion(db, plan.id)).toBe(version);

    // A milestone reached: the copy is no longer current (the rollup computes until a new one is kept)…
    const complete = await db.milestone.findFirstOrThrow({ where: { projectId: started.id, code: "COMPLETE" } });
    await db.milestone.update({ where: { id: complete.id }, data: { actualDate: new Date("2025-06-20T00:00:00Z"), state: "DONE" } });
    expect(await keptFactsVersion(db, plan.id)).toBeUndefined();
    const stale = await stampedGroupRollup(db, { planId: plan.id, period: "2025-12", factsVersion: version }, [[]], "MONTHLY");
    expect(stale.factsCurrent, "a statement reading the old copy says so (its result is thrown away)").toBe(false);
    const [[computedTotal]] = await groupRollup(db, { planId: plan.id, period: "2025-12" }, [[]], "MONTHLY");
    expect(computedTotal.onTimeCount).toBe(2);
    // …and the new copy says the same.
    await ensureRollupFacts(plan.id);
    await expectKeptEqualsComputed(plan.id);
    const [[keptTotal]] = await groupRollup(db, { planId: plan.id, period: "2025-12" }, [[]], "MONTHLY");
    expect(keptTotal).toEqual(computedTotal);

    // A project edit moves the version too; the older copy is removed when the new one is kept.
    await db.project.update({ where: { id: started.id }, data: { totalInvestment: "999.9999" } });
    expect(await keptFactsVersion(db, plan.id)).toBeUndefined();
    await ensureRollupFacts(plan.id);
    await expectKeptEqualsComputed(plan.id);
    const versions = await db.projectRollupFact.groupBy({ by: ["version"], where: { planId: plan.id } });
    expect(versions).toHaveLength(1);
  });

  it("20 concurrent misses keep one copy", async () => {
    const { plan } = await portfolio();
    await Promise.all(Array.from({ length: 20 }, () => ensureRollupFacts(plan.id)));
    const live = await db.project.count({ where: { planId: plan.id, deletedAt: null, admission: "ADMITTED" } });
    expect(await db.projectRollupFact.count({ where: { planId: plan.id } })).toBe(live);
    await expectKeptEqualsComputed(plan.id);
  });
});

describe("a cached rollup statement (the API's)", () => {
  it("reads the kept copy after an approval, and recomputes when the copy it expected is gone", async () => {
    const { plan, pending } = await portfolio();
    const q = { planId: plan.id, period: "2025-12" };
    const reference = () => groupRollup(db, { ...q, fromReports: true }, [["unit"], []], "MONTHLY");
    const read = () =>
      cachedStatement(`test-rollup:${plan.id}`, (client, factsVersion) => stampedGroupRollup(client, { ...q, factsVersion }, [["unit"], []], "MONTHLY"), {
        factsOf: plan.id,
      });
    const before = await read();
    expect(before).toEqual(await reference());
    expect(await keptFactsVersion(db, plan.id), "the first miss kept the facts").toBeDefined();

    // An approval: the next read misses, reads the same copy, and shows the approved amount.
    await db.progressReport.update({ where: { id: pending.id }, data: { status: "APPROVED", isOfficial: true } });
    const afterApproval = await read();
    expect(afterApproval).toEqual(await reference());
    expect(afterApproval[1][0].completedToDateWan, "the approved 7 counts").not.toBe(before[1][0].completedToDateWan);

    // The copy vanishes behind this process's back (the portfolio version unchanged): the statement
    // finds it is not there and the figures are computed in full, never read from nothing.
    await db.projectRollupFact.deleteMany({ where: { planId: plan.id } });
    await makeReport(db, { projectId: pending.projectId, period: "2025-04", status: "APPROVED", completedWan: "1" });
    const recomputed = await read();
    expect(recomputed).toEqual(await reference());
    expect(recomputed[1][0].completedToDateWan, "the new report counts").not.toBe(afterApproval[1][0].completedToDateWan);
  });
});

describe("money summed from the keyed running figures", () => {
  it("follows every change to a project's rollup keys at once, to the last decimal of the sums from the reports, also through the cache", async () => {
    const { plan, started, late, bundle, units, pending } = await portfolio();
    const other = await db.section.create({ data: { planId: plan.id, key: "s2", kind: "CATEGORY", title: "另一类", locator: "test", sortOrder: 9 } });
    const cached = (includeSubmitted: boolean) =>
      cachedGroupRollup(`test-keys:${plan.id}:${includeSubmitted}`, { planId: plan.id, period: "2025-12", includeSubmitted }, SETS, "MONTHLY");
    const expectSame = async (label: string) => {
      for (const includeSubmitted of [false, true]) {
        const q = { planId: plan.id, period: "2025-12", includeSubmitted };
        const reference = await groupRollup(db, { ...q, fromReports: true }, SETS, "MONTHLY");
        expect(await groupRollup(db, q, SETS, "MONTHLY"), `${label}, in one snapshot`).toEqual(reference);
        expect(await cached(includeSubmitted), `${label}, through the cache`).toEqual(reference);
      }
    };
    await expectSame("as made");
    await db.progressReport.update({ where: { id: pending.id }, data: { status: "APPROVED", isOfficial: true } });
    await expectSame("after an approval");
    const edits: [string, number, object][] = [
      ["moved to another unit", started.id, { unitId: units[1].id }],
      ["moved to another category", late.id, { sectionId: other.id }],
      ["another start year", bundle.id, { startYear: 2021 }],
      ["completed", started.id, { status: "COMPLETED" }],
      ["total no longer known", bundle.id, { totalInvestment: null }],
      ["left the plan", late.id, { endPeriod: "2025-06" }],
      ["back, without a unit", late.id, { endPeriod: null, unitId: null }],
      ["returned to its applicant", started.id, { admission: "RETURNED" }],
      ["deleted", bundle.id, { deletedAt: new Date() }],
    ];
    for (const [label, id, data] of edits) {
      await db.project.update({ where: { id }, data });
      await expectSame(label);
    }
  });

  it("a project edit open while an approval of the same project commits: the approval is not held up, and the figures end with the edit's keys", async () => {
    const { plan, started, units } = await portfolio();
    const report = await makeReport(db, { projectId: started.id, period: "2025-05", status: "SUBMITTED", completedWan: "3" });
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let edited!: () => void;
    const editDone = new Promise<void>((r) => (edited = r));
    // The edit moves the project to the other unit and stays open…
    const edit = db.$transaction(
      async (tx) => {
        await tx.project.update({ where: { id: started.id }, data: { unitId: units[1].id } });
        edited();
        await held;
      },
      { timeout: 30_000 },
    );
    await editDone;
    // …while the approval of its report commits (refreshing the project's running figures).
    await db.progressReport.update({ where: { id: report.id }, data: { status: "APPROVED", isOfficial: true } });
    release();
    await edit;
    for (const includeSubmitted of [false, true]) {
      const q = { planId: plan.id, period: "2025-12", includeSubmitted };
      expect(await groupRollup(db, q, SETS, "MONTHLY")).toEqual(await groupRollup(db, { ...q, fromReports: true }, SETS, "MONTHLY"));
    }
    const rows = await db.projectPeriodFigure.findMany({ where: { projectId: started.id }, select: { unitId: true } });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.unitId === units[1].id)).toBe(true);
  });
});
