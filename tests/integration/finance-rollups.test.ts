import { Decimal } from "decimal.js";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { formatGap, formatRate, rate, ratesOf, scheduleGap, schedulePercent } from "@/lib/rates";
import { getDashboard } from "@/lib/server/finance/get-dashboard";
import { drillDown } from "@/lib/server/finance/drill-down";
import { getRollup } from "@/lib/server/finance/get-rollup";
import type { SessionUser } from "@/lib/server/auth/current-user";
import { makePlan, makeProject } from "@/lib/server/seed/factories";
import { makeAnnualPlan, makeMilestone, makeProjectWith, makeReport, makeSection } from "@/lib/server/seed/report-factories";
import { expectAppError, sessionFor } from "../support/users";

// A small plan whose figures are computed by hand below. Period 2025-06 (as of 2025-06-30, 序时进度 50%).
//
//   甲县  医院  P1  total 1000, 2024–2025, 在建; annual 2025: 400; START planned 2024-03-01 done 2024-04-01
//               reports (approved unless said): 2024-12: 200; 2025-01: 100 (funds 50 + 30); 2025-02: rev 1 80
//               approved + rev 2 90 submitted (current); 2025-03: 150; 2025-05: 70 submitted; 2025-07: 999
//   甲县  基层  P2  total unknown, 2025–2026, 前期; annual 100; START planned 2025-05-01 not done; 2025-06: 20
//   乙县  医院  P3  bundle line, total 3000, 2021–2024, 竣工; annual 300; 2025-04: 250 (special bonds 100)
//               C1 sub-project 竣工, COMPLETE planned 2024-06-30 done 2024-06-20 (no money, no reports:
//                  the database refuses them on a sub-project)
//               C2 sub-project 在建, ends 2024: overdue
//   乙县  基层  P4  total 500, 2026–2027; 2025-06 draft 10 and 2025-05 returned 5 (never counted)
//   (none) 医院 G1  programme, total 200 (a programme's amount is not project investment: not summed)
//   (none) 基层 P5  total 800, 2025, 投用; annual 800; START planned 2025-01-01 done 2025-01-15;
//               COMPLETE planned 2025-12-31 done 2025-05-10; 2025-06: 300 (funds: local 0)
let ctx: { planId: number; a: number; b: number; s1: number; s2: number; ids: Record<string, number> };
let reader: SessionUser;
const PERIOD = "2025-06";

beforeAll(async () => {
  const {
    plan,
    section: s1,
    units: [a, b],
  } = await makePlan(db, { unitNames: ["甲县", "乙县"] });
  const s2 = await makeSection(db, { planId: plan.id, title: "基层" });
  const base = { planId: plan.id };
  const P1 = await makeProjectWith(db, { ...base, sectionId: s1.id, unitId: a.id, totalWan: "1000", startYear: 2024, endYear: 2025, status: "CONSTRUCTION" });
  const P2 = await makeProjectWith(db, { ...base, sectionId: s2.id, unitId: a.id, totalWan: null, startYear: 2025, endYear: 2026 });
  const P3 = await makeProjectWith(db, { ...base, sectionId: s1.id, unitId: b.id, totalWan: "3000", startYear: 2021, endYear: 2024, status: "COMPLETED" });
  const C1 = await makeProjectWith(db, {
    ...base,
    sectionId: s1.id,
    unitId: b.id,
    totalWan: null,
    parentId: P3.id,
    startYear: 2021,
    endYear: 2024,
    status: "COMPLETED",
  });
  const C2 = await makeProjectWith(db, {
    ...base,
    sectionId: s1.id,
    unitId: b.id,
    totalWan: null,
    parentId: P3.id,
    startYear: 2021,
    endYear: 2024,
    status: "CONSTRUCTION",
  });
  const P4 = await makeProjectWith(db, { ...base, sectionId: s2.id, unitId: b.id, totalWan: "500", startYear: 2026, endYear: 2027 });
  const G1 = await makeProjectWith(db, { ...base, sectionId: s1.id, unitId: null, totalWan: "200", kind: "PROGRAMME", startYear: null, endYear: null });
  const P5 = await makeProjectWith(db, { ...base, sectionId: s2.id, unitId: null, totalWan: "800", startYear: 2025, endYear: 2025, status: "IN_USE" });

  await makeAnnualPlan(db, { projectId: P1.id, year: 2025, amountWan: "400" });
  await makeAnnualPlan(db, { projectId: P1.id, year: 2024, amountWan: "600" });
  await makeAnnualPlan(db, { projectId: P2.id, year: 2025, amountWan: "100" });
  await makeAnnualPlan(db, { projectId: P3.id, year: 2025, amountWan: "300" });
  await makeAnnualPlan(db, { projectId: P5.id, year: 2025, amountWan: "800" });

  await makeReport(db, { projectId: P1.id, period: "2024-12", status: "APPROVED", completedWan: "200", funds: { central: "20" } });
  await makeReport(db, { projectId: P1.id, period: "2025-01", status: "APPROVED", completedWan: "100", funds: { central: "50", local: "30" } });
  await makeReport(db, { projectId: P1.id, period: "2025-02", status: "APPROVED", completedWan: "80", isCurrent: false });
  await makeReport(db, { projectId: P1.id, period: "2025-02", status: "SUBMITTED", completedWan: "90", revision: 2 });
  await makeReport(db, { projectId: P1.id, period: "2025-03", status: "APPROVED", completedWan: "150" });
  await makeReport(db, { projectId: P1.id, period: "2025-05", status: "SUBMITTED", completedWan: "70" });
  await makeReport(db, { projectId: P1.id, period: "2025-07", status: "APPROVED", completedWan: "999" });
  await makeReport(db, { projectId: P2.id, period: "2025-06", status: "APPROVED", completedWan: "20" });
  await makeReport(db, { projectId: P3.id, period: "2025-04", status: "APPROVED", completedWan: "250", funds: { specialBond: "100" } });
  await makeReport(db, { projectId: P4.id, period: "2025-06", status: "DRAFT", completedWan: "10" });
  await makeReport(db, { projectId: P4.id, period: "2025-05", status: "RETURNED", completedWan: "5" });
  await makeReport(db, { projectId: P5.id, period: "2025-06", status: "APPROVED", completedWan: "300", funds: { local: "0" } });

  await makeMilestone(db, { projectId: P1.id, code: "START", planned: "2024-03-01", actual: "2024-04-01" });
  await makeMilestone(db, { projectId: P1.id, code: "COMPLETE", planned: "2025-12-31" });
  await makeMilestone(db, { projectId: P2.id, code: "START", planned: "2025-05-01" });
  await makeMilestone(db, { projectId: C1.id, code: "COMPLETE", planned: "2024-06-30", actual: "2024-06-20" });
  await makeMilestone(db, { projectId: P5.id, code: "START", planned: "2025-01-01", actual: "2025-01-15" });
  await makeMilestone(db, { projectId: P5.id, code: "COMPLETE", planned: "2025-12-31", actual: "2025-05-10" });

  ctx = {
    planId: plan.id,
    a: a.id,
    b: b.id,
    s1: s1.id,
    s2: s2.id,
    ids: { P1: P1.id, P2: P2.id, P3: P3.id, C1: C1.id, C2: C2.id, P4: P4.id, G1: G1.id, P5: P5.id },
  };
  reader = await sessionFor("FINANCE_REVIEWER");
});

const wan = (v: string | null) => (v === null ? null : new Decimal(v).toFixed());
const money = (r: {
  totalWan: string | null;
  annualPlanWan: string | null;
  completedYearWan: string | null;
  completedToDateWan: string | null;
  completedOfKnownWan: string | null;
  fundsYearWan: string | null;
}) => ({
  total: wan(r.totalWan),
  annual: wan(r.annualPlanWan),
  year: wan(r.completedYearWan),
  toDate: wan(r.completedToDateWan),
  ofKnown: wan(r.completedOfKnownWan),
  funds: wan(r.fundsYearWan),
});
const counts = (r: {
  projectCount: number;
  subProjectCount: number;
  programmeCount: number;
  unknownCount: number;
  dueStartCount: number;
  startedCount: number;
  dueCompleteCount: number;
  onTimeCount: number;
}) => [r.projectCount, r.subProjectCount, r.programmeCount, r.unknownCount, r.dueStartCount, r.startedCount, r.dueCompleteCount, r.onTimeCount];

describe("group rollups on the hand-computed fixture", () => {
  it("plan total: unknown counted not summed, money on the lines only, only approved reports up to the period", async () => {
    const d = await getDashboard(reader, { plan: ctx.planId, period: PERIOD });
    // projects = lines P1 P2 P3 P4 P5; sub-projects C1 C2 apart; programme G1; unknown P2;
    // 开工/竣工 by 单体 (P1 P2 C1 C2 P4 P5, not the bundle line P3): due to start P1 P2 C1 C2 P5,
    // started P1 C1 C2 P5; due to complete C1 C2, on time C1.
    expect(counts(d.total)).toEqual([5, 2, 1, 1, 5, 4, 2, 1]);
    expect(money(d.total)).toEqual({
      total: "5300", // 1000 + 3000 + 500 + 800 (the lines); P2 unknown; G1's 200 is a programme's
      annual: "1600", // 400 + 100 + 300 + 800; P1's 2024 plan is another year
      year: "900", // P1 100 + 80 + 150, P2 20, P3 250, P5 300; not P1's submitted 90/70, July 999, drafts
      toDate: "1100", // + P1's 2024-12 200
      ofKnown: "1080", // without P2 (unknown total)
      funds: "180", // P1 80, P3 100, P5 0
    });
    expect(d.total.rates).toEqual({
      startRate: "80.0", // 4 / 5
      investmentRate: "56.3", // 900 / 1600 = 56.25 → half up
      fundsRate: "11.3", // 180 / 1600 = 11.25
      onTimeRate: "50.0", // 1 / 2
      cumulativeRate: "20.4", // 1080 / 5300 = 20.377…
      schedule: "50.0", // 6 / 12
      scheduleGap: "6.3",
    });
  });

  it("by unit, with the projects without a unit as their own group; the groups add up to the total", async () => {
    const d = await getDashboard(reader, { plan: ctx.planId, period: PERIOD });
    expect(d.units.map((u) => [u.name, u.key.unitId])).toEqual([
      ["甲县", ctx.a],
      ["乙县", ctx.b],
      ["未分配单位", null],
    ]);
    const [a, b, none] = d.units;
    expect(counts(a)).toEqual([2, 0, 0, 1, 2, 1, 0, 0]);
    expect(money(a)).toEqual({ total: "1000", annual: "500", year: "350", toDate: "550", ofKnown: "530", funds: "80" });
    expect(a.rates.onTimeRate).toBeNull(); // nothing due to complete: "—", not 0%
    expect(counts(b)).toEqual([2, 2, 0, 0, 2, 2, 2, 1]); // lines P3 P4; 单体 C1 C2 P4
    expect(money(b)).toEqual({ total: "3500", annual: "300", year: "250", toDate: "250", ofKnown: "250", funds: "100" });
    expect(counts(none)).toEqual([1, 0, 1, 0, 1, 1, 0, 0]);
    expect(money(none)).toEqual({ total: "800", annual: "800", year: "300", toDate: "300", ofKnown: "300", funds: "0" });
    expect(none.rates.fundsRate).toBe("0.0"); // funds reported as 0 are 0, not unknown

    for (const rows of [d.units, d.categories, d.cells]) {
      for (const field of ["totalWan", "annualPlanWan", "completedYearWan", "completedToDateWan", "fundsYearWan"] as const) {
        const sum = rows.reduce((acc, r) => acc.add(r[field] ?? 0), new Decimal(0));
        expect(sum.toFixed(), field).toBe(new Decimal(d.total[field] ?? 0).toFixed());
      }
      for (const field of [
        "projectCount",
        "subProjectCount",
        "programmeCount",
        "unknownCount",
        "dueStartCount",
        "startedCount",
        "dueCompleteCount",
        "onTimeCount",
      ] as const) {
        expect(
          rows.reduce((acc, r) => acc + r[field], 0),
          field,
        ).toBe(d.total[field]);
      }
    }
  });

  it("by category and unit × category", async () => {
    const d = await getDashboard(reader, { plan: ctx.planId, period: PERIOD });
    const [s1, s2] = d.categories;
    expect([s1.key.sectionId, s2.key.sectionId]).toEqual([ctx.s1, ctx.s2]);
    expect(money(s1)).toMatchObject({ total: "4000", annual: "700", year: "580" });
    expect(money(s2)).toMatchObject({ total: "1300", annual: "900", year: "320" });
    expect([s1.unknownCount, s2.unknownCount]).toEqual([0, 1]);
    const cell = d.cells.find((c) => c.key.unitId === ctx.b && c.key.sectionId === ctx.s1)!;
    expect(cell.name).toBe("乙县 · 医院");
    expect(money(cell)).toMatchObject({ total: "3000", year: "250" });
  });

  it("by start year and by status", async () => {
    const years = await getRollup(reader, { plan: ctx.planId, period: PERIOD, by: "year" });
    expect(years.rows.map((r) => [r.key.startYear, r.projectCount, r.subProjectCount, wan(r.totalWan)])).toEqual([
      [2021, 1, 2, "3000"], // P3 with C1 C2
      [2024, 1, 0, "1000"],
      [2025, 2, 0, "800"], // P2 (unknown) and P5
      [2026, 1, 0, "500"],
      [null, 0, 0, null], // the programme: counted apart, its amount not summed
    ]);
    const statuses = await getRollup(reader, { plan: ctx.planId, period: PERIOD, by: "status" });
    expect(statuses.rows.map((r) => [r.key.status, r.name, r.projectCount, r.subProjectCount])).toEqual([
      ["PREPARATION", "前期", 2, 0], // P2 P4 (G1 is a programme)
      ["CONSTRUCTION", "在建", 1, 1], // P1; sub-project C2
      ["COMPLETED", "竣工", 1, 1], // P3; sub-project C1
      ["IN_USE", "投用", 1, 0],
    ]);
  });

  it("with submitted reports: the submitted revision replaces the approved one, never both; drafts and returned never count", async () => {
    const d = await getDashboard(reader, { plan: ctx.planId, period: PERIOD, submitted: "1" });
    expect(d.includeSubmitted).toBe(true);
    // P1: 100 + 90 (rev 2 instead of 80) + 150 + 70 = 410
    expect(money(d.total)).toMatchObject({ year: "980", toDate: "1180" });
  });

  it("an earlier period sees only what was reported by then", async () => {
    const d = await getDashboard(reader, { plan: ctx.planId, period: "2025-03" });
    expect(money(d.total)).toMatchObject({ year: "330", toDate: "530" });
    expect(d.total.rates.schedule).toBe("25.0");
    // P2 (START planned 2025-05-01) is not yet due to start on 2025-03-31.
    expect([d.total.dueStartCount, d.total.startedCount]).toEqual([4, 4]);
  });

  it("a new approval shows at once (the cached result is invalidated by the write)", async () => {
    const before = await getRollup(reader, { plan: ctx.planId, period: PERIOD, by: "unit" });
    const report = await makeReport(db, { projectId: ctx.ids.P4, period: "2025-06", status: "APPROVED", completedWan: "7.5", revision: 2 });
    const after = await getRollup(reader, { plan: ctx.planId, period: PERIOD, by: "unit" });
    expect(wan(after.total.completedYearWan)).toBe(new Decimal(before.total.completedYearWan!).add("7.5").toFixed());
    await db.progressReport.delete({ where: { id: report.id } });
    const reverted = await getRollup(reader, { plan: ctx.planId, period: PERIOD, by: "unit" });
    expect(reverted.total.completedYearWan).toBe(before.total.completedYearWan);
  });

  it("the trend's cumulative value at the period equals 本年完成投资; the plan line ends at the annual plan", async () => {
    const d = await getDashboard(reader, { plan: ctx.planId, period: PERIOD });
    expect(d.trend.map((t) => t.period)).toHaveLength(12);
    expect(d.trend.map((t) => wan(t.completedWan)).slice(0, 7)).toEqual(["100", "80", "150", "250", null, "320", null]);
    expect(wan(d.trend[5].cumulativeWan)).toBe("900");
    expect(d.trend[6].cumulativeWan).toBeNull(); // after the period
    expect(wan(d.trend[5].plannedWan)).toBe("800"); // 1600 × 6/12
    expect(wan(d.trend[11].plannedWan)).toBe("1600");
  });
});

describe("drill-down: the projects behind each figure", () => {
  const ids = (rows: { id: number }[]) => rows.map((r) => r.id).sort((x, y) => x - y);
  const sorted = (names: string[]) => names.map((n) => ctx.ids[n]).sort((x, y) => x - y);

  it("lists add up to the figure they came from", async () => {
    const money = await drillDown(reader, { plan: ctx.planId, period: PERIOD, unit: String(ctx.a), figure: "money" });
    expect(ids(money.rows)).toEqual(sorted(["P1", "P2"]));
    const sum = money.rows.reduce((acc, r) => acc.add(r.completedYearWan ?? 0), new Decimal(0));
    expect(sum.toFixed()).toBe(new Decimal(money.group!.completedYearWan!).toFixed());

    const projects = await drillDown(reader, { plan: ctx.planId, period: PERIOD, unit: String(ctx.b), figure: "projects" });
    expect(projects.count).toBe(projects.group!.projectCount);
    expect(ids(projects.rows)).toEqual(sorted(["P3", "P4"])); // the lines; P3 says it has 2 sub-projects
    expect(projects.rows.find((r) => r.id === ctx.ids.P3)!.subProjectCount).toBe(2);

    const none = await drillDown(reader, { plan: ctx.planId, period: PERIOD, unit: "none", figure: "money" });
    expect(ids(none.rows)).toEqual(sorted(["P5"])); // G1 is a programme: no money
    expect(none.group!.name).toBe("未分配单位");
  });

  it("unknown, started, on time, overdue and not reported", async () => {
    const q = { plan: ctx.planId, period: PERIOD };
    expect(ids((await drillDown(reader, { ...q, figure: "unknown" })).rows)).toEqual(sorted(["P2"]));
    expect(ids((await drillDown(reader, { ...q, figure: "started" })).rows)).toEqual(sorted(["P1", "C1", "C2", "P5"]));
    expect(ids((await drillDown(reader, { ...q, figure: "notStarted" })).rows)).toEqual(sorted(["P2"]));
    expect(ids((await drillDown(reader, { ...q, figure: "onTime" })).rows)).toEqual(sorted(["C1"]));
    expect(ids((await drillDown(reader, { ...q, figure: "overdue" })).rows)).toEqual(sorted(["P2", "C2"]));
    // Expected to report: every line not completed (as in 填报情况): P1 (nothing for June),
    // P4 (not started yet, still reports its 前期 work); P2 reported; P3 and P5 are completed.
    expect(ids((await drillDown(reader, { ...q, figure: "notReported" })).rows)).toEqual(sorted(["P1", "P4"]));
    const d = await getDashboard(reader, q);
    expect(ids(d.overdue.rows)).toEqual(sorted(["P2", "C2"]));
    expect(ids(d.notReported.rows)).toEqual(sorted(["P1", "P4"]));
  });

  it("a sub-project's row (in a 单体 list) shows no money (it is on the bundle line)", async () => {
    const list = await drillDown(reader, { plan: ctx.planId, period: PERIOD, unit: String(ctx.b), figure: "started" });
    const c1 = list.rows.find((r) => r.id === ctx.ids.C1)!;
    expect([c1.line, c1.totalWan, c1.completedYearWan, c1.annualPlanWan]).toEqual([false, null, null, null]);
  });
});

describe("四率 formulas", () => {
  it("zero or unknown denominators give null, shown as —, never NaN or 0%", () => {
    expect(rate("0", "0")).toBeNull();
    expect(rate("5", "0.0000")).toBeNull();
    expect(rate(0, 0)).toBeNull();
    expect(rate("10", null)).toBeNull();
    expect(formatRate(rate("10", null))).toBe("—");
    expect(formatGap(scheduleGap(null, "50.0"))).toBe("—");
  });

  it("no reports over a known plan is 0.0%, not unknown", () => {
    expect(rate(null, "100")).toBe("0.0");
    expect(formatRate(rate(null, "100"))).toBe("0.0%");
  });

  it("exact decimals, one place, rounded half up; more than 100% is shown as is", () => {
    expect(rate("1", "3")).toBe("33.3");
    expect(rate("2", "3")).toBe("66.7");
    expect(rate("0.1", "0.2")).toBe("50.0");
    expect(rate("1", "8")).toBe("12.5");
    expect(rate("1", "16")).toBe("6.3"); // 6.25
    expect(rate("1234567890123.4567", "1234567890123.4567")).toBe("100.0");
    expect(rate("150", "100")).toBe("150.0");
    expect(schedulePercent({ num: 1, den: 12 })).toBe("8.3");
    expect(schedulePercent({ num: 3, den: 4 })).toBe("75.0");
    expect(scheduleGap("8.0", "8.3")).toBe("-0.3");
    expect(formatGap("-0.3")).toBe("-0.3 个百分点");
    expect(formatGap("6.3")).toBe("+6.3 个百分点");
  });

  it("a group with nothing due and no annual plan has every rate —", () => {
    const empty = {
      projectCount: 0,
      programmeCount: 0,
      totalWan: null,
      unknownCount: 0,
      annualPlanWan: null,
      completedYearWan: null,
      completedToDateWan: null,
      completedOfKnownWan: null,
      fundsYearWan: null,
      dueStartCount: 0,
      startedCount: 0,
      dueCompleteCount: 0,
      onTimeCount: 0,
    };
    const r = ratesOf(empty, { num: 6, den: 12 });
    expect(r).toEqual({ startRate: null, investmentRate: null, fundsRate: null, onTimeRate: null, cumulativeRate: null, schedule: "50.0", scheduleGap: null });
  });
});

describe("parameters and permissions", () => {
  it("refuses a period in the wrong cycle and an unknown plan", async () => {
    await expectAppError(getRollup(reader, { plan: ctx.planId, period: "2025-Q1" }), "VALIDATION");
    await expectAppError(getRollup(reader, { plan: ctx.planId, by: "county" }), "VALIDATION");
    await expectAppError(getRollup(reader, { plan: 987654 }), "NOT_FOUND");
  });

  it("every role may read figures (plan.read)", async () => {
    for (const role of ["ADMIN", "FINANCE_REVIEWER", "COUNTY_OFFICER", "VIEWER"] as const) {
      const user = await sessionFor(role, role === "COUNTY_OFFICER" ? [ctx.a] : []);
      expect((await getRollup(user, { plan: ctx.planId, period: PERIOD })).total.projectCount).toBe(5);
    }
  });

  it("a project created later in the plan changes the figures (no stale cache)", async () => {
    const before = await getRollup(reader, { plan: ctx.planId, period: PERIOD });
    const extra = await makeProject(db, { planId: ctx.planId, sectionId: ctx.s1, unitId: ctx.a, totalWan: "0.0001" });
    const after = await getRollup(reader, { plan: ctx.planId, period: PERIOD });
    expect(after.total.projectCount).toBe(before.total.projectCount + 1);
    expect(wan(after.total.totalWan)).toBe("5300.0001");
    await db.project.update({ where: { id: extra.id }, data: { deletedAt: new Date() } });
    expect((await getRollup(reader, { plan: ctx.planId, period: PERIOD })).total.totalWan).toBe(before.total.totalWan);
  });
});
