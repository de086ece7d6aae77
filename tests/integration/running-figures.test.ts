import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { ReportStatus } from "@/lib/generated/prisma/client";
import type { SessionUser } from "@/lib/server/auth/current-user";
import { carryOver } from "@/lib/server/carry-over/carry-over";
import { reviewReports } from "@/lib/server/reports/review-reports";
import { saveReport } from "@/lib/server/reports/save-report";
import { submitReport } from "@/lib/server/reports/submit-report";
import { groupRollup, groupRollupSql, type Dim } from "@/lib/server/rollups/group-rollup";
import { trend } from "@/lib/server/rollups/trend";
import { projectFigures } from "@/lib/server/rollups/project-figures";
import { ensureRollupFacts, keptFactsVersion } from "@/lib/server/rollups/rollup-facts";
import { makePlan, makeProject } from "@/lib/server/seed/factories";
import { makeAnnualPlan, makeReport } from "@/lib/server/seed/report-factories";
import { sessionFor } from "../support/users";

// Running figures (issue #17): every rollup reads one maintained row per project (ProjectPeriodFigure)
// instead of summing the reports. Here a randomised portfolio (seeded, so a failure replays) with
// corrections, returned and submitted reports, bundles with sub-projects and a 续建 carry-over is
// built through the factories and the real operations, and every figure is computed both ways —
// from the maintained rows and from the reports with the previous SQL (fromReports) — for every
// period, with and without the 含已报送 view. They must agree to the last decimal.

// mulberry32: a small deterministic generator.
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const months = (from: string, to: string) => {
  const out: string[] = [];
  let [y, m] = from.split("-").map(Number);
  for (;;) {
    const p = `${y}-${String(m).padStart(2, "0")}`;
    if (p > to) return out;
    out.push(p);
    m = m === 12 ? 1 : m + 1;
    if (m === 1) y++;
  }
};

// An officer's correction of an approved report, submitted for review.
const submitCorrection = (officer: SessionUser, report: { projectId: number; period: string; version: number }, completedAmount: string) =>
  saveReport(officer, {
    projectId: report.projectId,
    period: report.period,
    version: report.version,
    moneyUnit: "wan",
    completedAmount,
    progressPercent: "",
    progressText: "",
    problems: "",
    nextSteps: "",
    correctionReason: "更正",
    submit: true,
  });

const SETS: Dim[][] = [[], ["unit"], ["category"], ["unit", "category"], ["year"], ["status"]];

// Every figure of a plan, both ways, for every period and both views.
// The rollups read the kept rollup facts of the plan (rollup-facts.ts) as the app does after a write.
async function expectSameFigures(planId: number, periods: string[]) {
  await ensureRollupFacts(planId);
  expect(await keptFactsVersion(db, planId)).toBeDefined();
  let nonNull = 0;
  for (const period of periods) {
    for (const includeSubmitted of [false, true]) {
      const q = { planId, period, includeSubmitted };
      const maintained = await projectFigures(q);
      const reference = await projectFigures({ ...q, fromReports: true });
      expect(maintained, `projectFigures ${period} ${includeSubmitted}`).toEqual(reference);
      nonNull += maintained.filter((f) => f.cumulativeWan !== null).length;
      expect(await groupRollup(db, q, SETS, "MONTHLY"), `groupRollup ${period} ${includeSubmitted}`).toEqual(
        await groupRollup(db, { ...q, fromReports: true }, SETS, "MONTHLY"),
      );
      expect(await trend(db, q, "MONTHLY"), `trend ${period} ${includeSubmitted}`).toEqual(await trend(db, { ...q, fromReports: true }, "MONTHLY"));
    }
  }
  return nonNull;
}

let admin: SessionUser;
let finance: SessionUser;
beforeAll(async () => {
  admin = await sessionFor("ADMIN");
  finance = await sessionFor("FINANCE_REVIEWER");
});

const amount = (r: () => number, max: number) => (r() < 0.1 ? null : (Math.floor(r() * max * 10_000) / 10_000).toFixed(4));

describe("running figures", () => {
  it("equal the figures summed from the reports, to the last decimal, for a randomised portfolio with corrections, returns, sub-projects, carry-over and 含已报送", async () => {
    const r = rng(17);
    const old = await makePlan(db, { unitNames: ["甲县", "乙县", "丙县"] });
    const next = await makePlan(db, { unitNames: ["甲县", "乙县"] });
    await db.plan.update({ where: { id: next.plan.id }, data: { periodStart: 2026, periodEnd: 2030 } });
    const second = await db.section.create({ data: { planId: old.plan.id, key: "s2", kind: "CATEGORY", title: "基层", locator: "test", sortOrder: 2 } });

    // 14 lines (two of them bundles of two sub-projects each, one without a unit), random build years.
    const lines = [];
    for (let i = 0; i < 14; i++) {
      const startYear = 2021 + Math.floor(r() * 4);
      const line = await makeProject(db, {
        planId: old.plan.id,
        sectionId: i % 2 ? second.id : old.section.id,
        unitId: i === 13 ? null : old.units[i % 3].id,
        totalWan: i % 5 === 4 ? null : (1000 + i * 137.25).toFixed(4),
        startYear,
        endYear: startYear + 3,
      });
      lines.push(line);
      if (i < 2)
        for (let c = 0; c < 2; c++)
          await makeProject(db, { planId: old.plan.id, sectionId: line.sectionId, unitId: line.unitId, totalWan: null, parentId: line.id });
      for (const year of [2024, 2025, 2026]) if (r() < 0.7) await makeAnnualPlan(db, { projectId: line.id, year, amountWan: amount(r, 800) });
    }

    // Reports 2024-01 … 2026-03: single revisions in every state, corrections pending (the approved
    // revision still counts; its submitted successor replaces it in 含已报送) and approved corrections.
    const funds = () => ({
      central: amount(r, 300) ?? undefined,
      provincial: r() < 0.5 ? (amount(r, 200) ?? undefined) : undefined,
      local: r() < 0.5 ? (amount(r, 200) ?? undefined) : undefined,
      specialBond: r() < 0.2 ? (amount(r, 500) ?? undefined) : undefined,
      self: r() < 0.3 ? (amount(r, 100) ?? undefined) : undefined,
    });
    const single: ReportStatus[] = ["APPROVED", "APPROVED", "APPROVED", "SUBMITTED", "DRAFT", "RETURNED"];
    for (const line of lines) {
      for (const period of months("2024-01", "2026-03")) {
        const x = r();
        if (x < 0.35) continue;
        if (x < 0.85) {
          const status = single[Math.floor(r() * single.length)];
          await makeReport(db, { projectId: line.id, period, status, completedWan: amount(r, 900), funds: funds() });
        } else {
          await makeReport(db, {
            projectId: line.id,
            period,
            status: "APPROVED",
            revision: 1,
            isCurrent: false,
            isOfficial: x < 0.93,
            completedWan: amount(r, 900),
            funds: funds(),
          });
          const status: ReportStatus = x < 0.93 ? (["DRAFT", "SUBMITTED", "RETURNED"] as const)[Math.floor(r() * 3)] : "APPROVED";
          await makeReport(db, {
            projectId: line.id,
            period,
            status,
            revision: 2,
            isOfficial: status === "APPROVED",
            completedWan: amount(r, 900),
            funds: funds(),
          });
        }
      }
    }
    // Every year boundary, and months between (a full 28-month sweep takes too long on a busy machine).
    const sample = ["2023-12", "2024-01", "2024-05", "2024-12", "2025-01", "2025-07", "2025-12", "2026-01", "2026-02", "2026-03", "2026-04"];
    expect(await expectSameFigures(old.plan.id, sample)).toBeGreaterThan(50);

    // 续建: 9 of the lines (and the bundles' sub-projects) continue in the next plan from 2026-01; their
    // reports from then on move to the successors, which count the predecessors' history.
    const carried = await db.project.findMany({ where: { id: { in: lines.slice(0, 9).map((l) => l.id) } }, select: { id: true, version: true } });
    await carryOver(admin, {
      fromPlanId: old.plan.id,
      toPlanId: next.plan.id,
      cutoverPeriod: "2026-01",
      projects: carried,
      unitMap: { [String(old.units[0].id)]: next.units[0].id, [String(old.units[1].id)]: next.units[1].id, [String(old.units[2].id)]: next.units[1].id },
      sectionMap: { [String(old.section.id)]: next.section.id, [String(second.id)]: next.section.id },
    });
    const successors = await db.project.findMany({ where: { predecessorId: { in: carried.map((c) => c.id) } } });
    expect(successors).toHaveLength(9);

    // The workflow on the successors: new reports submitted and approved, one returned, an approved
    // period corrected (pending, then approved) — every write through its operation.
    const officer = await sessionFor(
      "COUNTY_OFFICER",
      next.units.map((u) => u.id),
    );
    const form = (projectId: number, period: string, completedAmount: string, extra: Record<string, unknown> = {}) => ({
      projectId,
      period,
      moneyUnit: "wan",
      completedAmount,
      fundsCentral: "12.3456",
      progressPercent: "50",
      progressText: "施工",
      problems: "",
      nextSteps: "",
      outOfPeriodReason: "续建",
      ...extra,
    });
    for (const [i, s] of successors.slice(0, 6).entries()) {
      const current = await db.progressReport.findFirst({ where: { projectId: s.id, period: "2026-04", isCurrent: true } });
      const saved = await saveReport(officer, form(s.id, "2026-04", (100 + i / 7).toFixed(4), { version: current?.version, submit: true }));
      await reviewReports(finance, {
        items: [{ id: saved.id, version: saved.version }],
        decision: i === 5 ? "RETURN" : "APPROVE",
        comment: i === 5 ? "数据有误" : "",
      });
    }
    const approved = await db.progressReport.findFirst({
      where: { projectId: { in: successors.map((s) => s.id) }, period: { gte: "2026-01" }, isCurrent: true, status: "APPROVED" },
    });
    expect(approved).not.toBeNull();
    const correction = await saveReport(
      officer,
      form(approved!.projectId, approved!.period, "77.7777", { version: approved!.version, correctionReason: "更正" }),
    );
    await submitReport(officer, { id: correction.id, version: correction.version });
    const periods = ["2025-12", "2026-01", "2026-02", "2026-03", "2026-04", "2026-05"];
    await expectSameFigures(next.plan.id, periods);
    await expectSameFigures(old.plan.id, ["2025-12", "2026-01", "2026-04"]);
    const pending = await db.progressReport.findUniqueOrThrow({ where: { id: correction.id } });
    await reviewReports(finance, { items: [{ id: pending.id, version: pending.version }], decision: "APPROVE" });
    // A report removed outright (as an administrator's repair would) leaves no figure behind.
    const gone = await db.progressReport.findFirstOrThrow({ where: { projectId: successors[7].id, isOfficial: true } });
    await db.progressReport.delete({ where: { id: gone.id } });
    await expectSameFigures(next.plan.id, periods);

    // The maintained path really reads the running figures, the reference the reports.
    const q = { planId: next.plan.id, period: "2026-04" };
    expect(groupRollupSql(q, SETS).text).toContain(`"ProjectPeriodFigure"`);
    expect(groupRollupSql({ ...q, fromReports: true }, SETS).text).not.toContain(`"ProjectPeriodFigure"`);
  }, 180_000);

  it("stay consistent under 20 concurrent approvals of one project's periods, and of one report (exactly one applies)", async () => {
    const { plan, section, units } = await makePlan(db, { unitNames: ["并发县"] });
    await db.plan.update({ where: { id: plan.id }, data: { periodStart: 2024, periodEnd: 2030 } });
    const project = await makeProject(db, { planId: plan.id, sectionId: section.id, unitId: units[0].id, totalWan: "5000" });
    const periods = months("2025-01", "2026-08");
    const reports = [];
    for (const [i, period] of periods.entries())
      reports.push(await makeReport(db, { projectId: project.id, period, status: "SUBMITTED", completedWan: `${i + 1}.0001`, funds: { central: "1.5" } }));
    const results = await Promise.allSettled(
      reports.map((rep) => reviewReports(finance, { items: [{ id: rep.id, version: rep.version }], decision: "APPROVE" })),
    );
    expect(results.filter((x) => x.status === "fulfilled")).toHaveLength(20);
    // 累计 at 2026-08 = 1.0001 + … + 20.0001; 本年累计 2026 = 13.0001 + … + 20.0001.
    const [fig] = await projectFigures({ planId: plan.id, period: "2026-08", projectIds: [project.id] });
    expect(fig).toMatchObject({ cumulativeWan: "210.0020", yearToDateWan: "132.0008", periodWan: "20.0001", yearFundsWan: "12.0000" });
    expect(await db.projectPeriodFigure.count({ where: { projectId: project.id } })).toBe(20);
    await expectSameFigures(plan.id, ["2024-12", "2025-01", "2025-04", "2025-12", "2026-01", "2026-08", "2026-09"]);

    // A correction of one period submitted, then 20 reviewers approve it at once: one applies.
    const base = reports[3];
    const current = await db.progressReport.findUniqueOrThrow({ where: { id: base.id } });
    const officer = await sessionFor("COUNTY_OFFICER", [units[0].id]);
    const fixed = await submitCorrection(officer, { projectId: project.id, period: base.period, version: current.version }, "0.5");
    const decided = await Promise.allSettled(
      Array.from({ length: 20 }, () => reviewReports(finance, { items: [{ id: fixed.id, version: fixed.version }], decision: "APPROVE" })),
    );
    expect(decided.filter((x) => x.status === "fulfilled")).toHaveLength(1);
    const [after] = await projectFigures({ planId: plan.id, period: "2026-08", projectIds: [project.id] });
    expect(after.cumulativeWan).toBe("206.5019"); // 4.0001 replaced by 0.5000
    await expectSameFigures(plan.id, ["2025-03", "2025-04", "2025-05", "2025-12", "2026-08"]);
  }, 120_000);

  it("are rewritten only where an approval changes them: an unchanged period's row is left as it is", async () => {
    const { plan, section, units } = await makePlan(db, { unitNames: ["改写县"] });
    const project = await makeProject(db, { planId: plan.id, sectionId: section.id, unitId: units[0].id, totalWan: "900" });
    for (const period of months("2025-01", "2025-06")) await makeReport(db, { projectId: project.id, period, status: "APPROVED", completedWan: "10" });
    const versions = async () =>
      Object.fromEntries(
        (await db.$queryRaw<{ period: string; xmin: string }[]>`SELECT period, xmin::text FROM "ProjectPeriodFigure" WHERE "projectId" = ${project.id}`).map(
          (r) => [r.period, r.xmin],
        ),
      );
    const before = await versions();
    expect(Object.keys(before)).toHaveLength(6);

    const changed = (a: Record<string, string>, b: Record<string, string>) =>
      Object.keys(b)
        .filter((p) => a[p] !== b[p])
        .sort();
    // The next month submitted: its row is new (含已报送), the row before it now ends there; the rest stay.
    const july = await makeReport(db, { projectId: project.id, period: "2025-07", status: "SUBMITTED", completedWan: "10" });
    const submittedJuly = await versions();
    expect(changed(before, submittedJuly)).toEqual(["2025-06", "2025-07"]);
    // Approved: only July's approved figures change.
    await reviewReports(finance, { items: [{ id: july.id, version: july.version }], decision: "APPROVE" });
    const afterJuly = await versions();
    expect(changed(submittedJuly, afterJuly)).toEqual(["2025-07"]);

    // A correction of March approved: March and every later 累计 change, January and February do not.
    const march = await db.progressReport.findFirstOrThrow({ where: { projectId: project.id, period: "2025-03", isCurrent: true } });
    const officer = await sessionFor("COUNTY_OFFICER", [units[0].id]);
    const fixed = await submitCorrection(officer, march, "12.5");
    const afterSubmit = await versions();
    // Submitted only: the 含已报送 figures of March on change, the approved ones not yet.
    expect(changed(afterJuly, afterSubmit)).toEqual(["2025-03", "2025-04", "2025-05", "2025-06", "2025-07"]);
    await reviewReports(finance, { items: [{ id: fixed.id, version: fixed.version }], decision: "APPROVE" });
    expect(changed(afterSubmit, await versions())).toEqual(["2025-03", "2025-04", "2025-05", "2025-06", "2025-07"]);
    const [fig] = await projectFigures({ planId: plan.id, period: "2025-07", projectIds: [project.id] });
    expect(fig.cumulativeWan).toBe("72.5000");
    await expectSameFigures(plan.id, ["2025-02", "2025-03", "2025-07", "2025-08"]);
  });
});
