import { Decimal } from "decimal.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getPlansApi } from "@/app/api/v1/plans/route";
import { GET as getRollupsApi } from "@/app/api/v1/rollups/route";
import { db } from "@/lib/db";
import { issueToken } from "@/lib/server/api-tokens/issue-token";
import type { SessionUser } from "@/lib/server/auth/current-user";
import { prepareRollupExport } from "@/lib/server/exports/export-rollup";
import { prepareScheduleExport } from "@/lib/server/exports/export-schedule";
import { drillDown } from "@/lib/server/finance/drill-down";
import { getDashboard } from "@/lib/server/finance/get-dashboard";
import { getTimeline } from "@/lib/server/finance/get-timeline";
import { listPlanFigures } from "@/lib/server/finance/list-plan-figures";
import { listPlans } from "@/lib/server/plans/list-plans";
import { reportingStatus } from "@/lib/server/reports/reporting-status";
import { planRollup, planTotals } from "@/lib/server/rollups/plan-rollup";
import { makeAnnualPlan, makeApprovedReport } from "@/lib/server/seed/excel-factories";
import { collect, readWorkbook } from "../support/excel";
import { sessionFor } from "../support/users";

// One way to count (lib/server/rollups/counting.ts), checked on every surface for every unit of the
// seeded 岳阳 plan: 项目 = reporting lines (standalone projects and bundle lines), which carry the
// money; 子项目 are counted apart. Each surface gives, per unit, its project count, sub-project count
// (where it shows one) and 总投资; all must equal the plan rollup by unit.
const PERIOD = "2025-06";
const NO_UNIT = "未分配单位";

type Figures = { projects: number; subs?: number; totalWan: string | null };
type ByUnit = Map<string, Figures>; // unit name → figures

const wan = (v: string | number | null | undefined) => (v === null || v === undefined ? null : new Decimal(String(v)).toFixed());
const sumWan = (values: (string | number | null)[]) => {
  const known = values.filter((v) => v !== null);
  return known.length ? known.reduce<Decimal>((acc, v) => acc.add(String(v)), new Decimal(0)).toFixed() : null;
};
const withoutSubs = (m: ByUnit): ByUnit => new Map([...m].map(([k, { projects, totalWan }]) => [k, { projects, totalWan }]));

let planId: number;
let reader: SessionUser;
let reference: ByUnit;
let unitIds: Map<string, number | null>;
const restore: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  planId = (await db.plan.findUniqueOrThrow({ where: { key: "yueyang" } })).id;
  reader = await sessionFor("FINANCE_REVIEWER");
  // Some progress, so the completed amounts and 应报 are exercised too: a bundle line of 平江县 reports
  // (on the line, as a bundle does), and one line of 市本级 is completed (it no longer reports).
  const bundle = await db.project.findFirstOrThrow({
    where: { planId, unit: { name: "平江县" }, parentId: null, children: { some: {} } },
    orderBy: { sortOrder: "asc" },
  });
  const plan = await makeAnnualPlan(db, { projectId: bundle.id, year: 2025, amountWan: "5000" });
  const report = await makeApprovedReport(db, { projectId: bundle.id, period: PERIOD, completedWan: "1234.5" });
  const done = await db.project.findFirstOrThrow({
    where: { planId, unit: { name: "市本级" }, parentId: null, kind: "PROJECT" },
    orderBy: { sortOrder: "asc" },
  });
  await db.project.update({ where: { id: done.id }, data: { status: "COMPLETED" } });
  restore.push(
    () => db.progressReport.delete({ where: { id: report.id } }),
    () => db.annualPlanAmount.delete({ where: { id: plan.id } }),
    () => db.project.update({ where: { id: done.id }, data: { status: done.status } }),
  );

  const rows = await planRollup(planId, "unit");
  reference = new Map(rows.map((r) => [r.name, { projects: r.projectCount, subs: r.subProjectCount, totalWan: wan(r.totalWan) }]));
  unitIds = new Map(rows.map((r) => [r.name, r.id]));
});

afterAll(async () => {
  for (const undo of restore) await undo();
});

describe("岳阳: one count and one 总投资 per unit on every surface", () => {
  it("the reference: plan rollup by unit adds up to the plan totals, with 未分配单位; the documented figures", async () => {
    const totals = await planTotals(planId);
    // 82 appendix rows + 2 projects named in 专栏 without a unit; 32 sub-projects under 8 bundle lines.
    expect([totals.projectCount, totals.subProjectCount, totals.programmeCount, totals.unknownCount]).toEqual([84, 32, 37, 2]);
    expect(wan(totals.totalWan)).toBe("2277360"); // 227.736 亿元
    expect(reference.get(NO_UNIT)).toEqual({ projects: 2, subs: 0, totalWan: null });
    expect(reference.get("平江县")).toEqual({ projects: 13, subs: 13, totalWan: "419300" });
    expect(reference.get("市本级")).toEqual({ projects: 8, subs: 13, totalWan: "785200" });
    expect(reference.size).toBe(14); // 13 units + 未分配单位
    const all = [...reference.values()];
    expect(all.reduce((n, f) => n + f.projects, 0)).toBe(totals.projectCount);
    expect(all.reduce((n, f) => n + f.subs!, 0)).toBe(totals.subProjectCount);
    expect(sumWan(all.map((f) => f.totalWan))).toBe(wan(totals.totalWan));
    // the plan list shows the same totals
    const listed = (await listPlans(reader, {})).find((p) => p.id === planId)!;
    expect(listed.totals).toEqual(totals);
    const finance = (await listPlanFigures(reader, {})).find((p) => p.plan.id === planId)!;
    expect([finance.total.projectCount, finance.total.subProjectCount, wan(finance.total.totalWan)]).toEqual([84, 32, "2277360"]);
  });

  it("dashboard: group rollup by unit", async () => {
    const d = await getDashboard(reader, { plan: planId, period: PERIOD });
    const got: ByUnit = new Map(d.units.map((u) => [u.name, { projects: u.projectCount, subs: u.subProjectCount, totalWan: wan(u.totalWan) }]));
    expect(got).toEqual(reference);
    expect([d.total.projectCount, d.total.subProjectCount]).toEqual([84, 32]);
  });

  it("drill-down: the list of 全部项目 has as many rows as the count, and its 总投资 adds up", async () => {
    const got: ByUnit = new Map();
    for (const [name, id] of unitIds) {
      const list = await drillDown(reader, { plan: planId, period: PERIOD, unit: id === null ? "none" : String(id), figure: "projects" });
      expect(list.count, name).toBe(list.rows.length);
      expect(
        list.rows.every((r) => r.line && r.parentId === null),
        name,
      ).toBe(true);
      got.set(name, {
        projects: list.rows.length,
        subs: list.rows.reduce((n, r) => n + r.subProjectCount, 0),
        totalWan: sumWan(list.rows.map((r) => r.totalWan)),
      });
    }
    expect(got).toEqual(reference);
  });

  it("timeline: one row per project with its sub-projects beneath, counted apart", async () => {
    const got: ByUnit = new Map();
    for (const [name, id] of unitIds) {
      const t = await getTimeline(reader, { plan: planId, unit: id === null ? "none" : String(id) });
      const lines = t.projects.filter((p) => p.parentId === null);
      expect(lines.length, name).toBe(t.count);
      expect(t.projects.length - lines.length, name).toBe(t.subProjectCount);
      // every sub-project directly follows its line or a sibling
      t.projects.forEach((p, i) => {
        if (p.parentId !== null) expect(t.projects[i - 1].id === p.parentId || t.projects[i - 1].parentId === p.parentId, p.name).toBe(true);
      });
      const totals = await db.project.findMany({ where: { id: { in: lines.map((l) => l.id) } }, select: { totalInvestment: true } });
      got.set(name, { projects: t.count, subs: t.subProjectCount, totalWan: sumWan(totals.map((x) => x.totalInvestment?.toString() ?? null)) });
    }
    expect(got).toEqual(reference);
  });

  it("填报情况 (no money shown): 项目数 per unit; 应报 = 项目数 − 已竣工/投用 (completed lines no longer report)", async () => {
    const rows = await reportingStatus(reader, { planId, period: PERIOD });
    expect(new Map(rows.map((r) => [r.unitName, r.projects]))).toEqual(new Map([...reference].map(([k, f]) => [k, f.projects])));
    for (const r of rows) {
      expect(r.due, r.unitName).toBe(r.projects - r.completed);
      expect(r.approved + r.submitted + r.returned + r.draft + r.missing, r.unitName).toBe(r.due);
      const due = await db.project.count({
        where: { planId, unitId: r.unitId, kind: "PROJECT", parentId: null, deletedAt: null, status: { notIn: ["COMPLETED", "IN_USE"] } },
      });
      expect(r.due, r.unitName).toBe(due);
      // the dashboard's 应报未报 list is the same lines less those reported
      const notReported = await drillDown(reader, { plan: planId, period: PERIOD, unit: r.unitId === null ? "none" : String(r.unitId), figure: "notReported" });
      expect(notReported.count, r.unitName).toBe(r.missing + r.draft + r.returned);
    }
    const shi = rows.find((r) => r.unitName === "市本级")!;
    expect([shi.projects, shi.completed, shi.due]).toEqual([8, 1, 7]);
    const ping = rows.find((r) => r.unitName === "平江县")!;
    expect([ping.projects, ping.due, ping.approved]).toEqual([13, 13, 1]);
  });

  it("调度表: the 汇总 sheet's row per unit, and each unit sheet's numbered rows and 合计", async () => {
    const job = await prepareScheduleExport(reader, { plan: planId, period: PERIOD, money: "wan" });
    expect(job.projectCount).toBe(84);
    const wb = await readWorkbook(await collect(job.write));
    const sum = wb.getWorksheet("汇总")!;
    expect(sum.getCell("C3").value).toBe("项目个数（不含子项目）");
    expect(sum.getCell("A2").value).toContain("项目 84 个（不含子项目；子项目 32 个");
    const summaryRows = Array.from({ length: sum.rowCount - 4 }, (_, i) => sum.getRow(5 + i));
    const fromSummary: ByUnit = new Map();
    const fromSheets: ByUnit = new Map();
    for (const name of reference.keys()) {
      const row = summaryRows.find((r) => r.getCell(2).value === name)!;
      fromSummary.set(name, { projects: row.getCell(3).value as number, totalWan: wan(row.getCell(4).value as number | null) });
      const ws = wb.getWorksheet(name)!;
      const rows = Array.from({ length: ws.rowCount - 4 }, (_, i) => ws.getRow(5 + i));
      const numbered = rows.filter((r) => /^\d+$/.test(String(r.getCell(1).value ?? "")));
      const subRows = rows.filter((r) => /^（\d+）$/.test(String(r.getCell(1).value ?? "")));
      const total = wan(rows[0].getCell(5).value as number | null);
      expect(rows[0].getCell(2).value, name).toBe("合计");
      expect(sumWan(numbered.map((r) => r.getCell(5).value as number | null)), name).toBe(total); // the lines add up to 合计
      expect(ws.getCell("A2").value, name).toContain(`项目 ${numbered.length} 个`);
      fromSheets.set(name, { projects: numbered.length, subs: subRows.length, totalWan: total });
    }
    expect(fromSummary).toEqual(withoutSubs(reference));
    expect(fromSheets).toEqual(reference);
    // the 总计 row: the plan
    expect([summaryRows[0].getCell(2).value, summaryRows[0].getCell(3).value, wan(summaryRows[0].getCell(4).value as number)]).toEqual(["总计", 84, "2277360"]);
  });

  it("rollup .xlsx: 按单位 rows (with 未分配单位) add up to 合计 in every column", async () => {
    const job = await prepareRollupExport(reader, { plan: planId, money: "wan" });
    const ws = (await readWorkbook(await collect(job.write))).getWorksheet("按单位")!;
    expect([ws.getCell("C3").value, ws.getCell("G3").value]).toEqual(["项目数（不含子项目）", "子项目数（另计）"]);
    const total = ws.getRow(4);
    expect(total.getCell(2).value).toBe("合计");
    const rows = Array.from({ length: ws.rowCount - 4 }, (_, i) => ws.getRow(5 + i));
    const got: ByUnit = new Map(
      rows.map((r) => [
        String(r.getCell(2).value),
        { projects: r.getCell(3).value as number, subs: r.getCell(7).value as number, totalWan: wan(r.getCell(5).value as number | null) },
      ]),
    );
    expect(got).toEqual(reference);
    for (const col of [3, 4, 6, 7])
      expect(
        rows.reduce((n, r) => n + (r.getCell(col).value as number), 0),
        `column ${col}`,
      ).toBe(total.getCell(col).value);
    expect(sumWan(rows.map((r) => r.getCell(5).value as number | null))).toBe(wan(total.getCell(5).value as number));
    expect([total.getCell(3).value, total.getCell(4).value, total.getCell(6).value, total.getCell(7).value]).toEqual([84, 37, 2, 32]);
  });

  it("API: /api/v1/rollups by unit and /api/v1/plans", async () => {
    const { token } = await issueToken(await sessionFor("ADMIN"), { name: "口径" });
    const call = (path: string) => new Request(`http://localhost${path}`, { headers: { authorization: `Bearer ${token}` } });
    const body = await (await getRollupsApi(call(`/api/v1/rollups?plan=${planId}&by=unit&period=${PERIOD}`))).json();
    const got: ByUnit = new Map(
      body.rows.map((r: { name: string; projectCount: number; subProjectCount: number; totalWan: string | null }) => [
        r.name,
        { projects: r.projectCount, subs: r.subProjectCount, totalWan: wan(r.totalWan) },
      ]),
    );
    expect(got).toEqual(reference);
    // the money beyond 总投资 agrees with the 调度表's 合计 too (the same lines, the same reports)
    const d = await getDashboard(reader, { plan: planId, period: PERIOD });
    const ping = body.rows.find((r: { name: string }) => r.name === "平江县");
    expect([wan(ping.annualPlanWan), wan(ping.completedYearWan)]).toEqual(["5000", "1234.5"]);
    expect(body.total).toEqual(JSON.parse(JSON.stringify(d.total)));

    const plans = await (await getPlansApi(call("/api/v1/plans"))).json();
    const yueyang = plans.plans.find((p: { id: number }) => p.id === planId);
    expect(yueyang.figures).toEqual({
      projectCount: 84,
      subProjectCount: 32,
      programmeCount: 37,
      totalWan: expect.stringMatching(/^2277360(\.0+)?$/),
      unknownCount: 2,
    });
  });

  it("调度表 and dashboard agree on the completed money of the reporting bundle line", async () => {
    const d = await getDashboard(reader, { plan: planId, period: PERIOD });
    const ping = d.units.find((u) => u.name === "平江县")!;
    const wb = await readWorkbook(
      await collect((await prepareScheduleExport(reader, { plan: planId, unit: unitIds.get("平江县")!, period: PERIOD, money: "wan" })).write),
    );
    const total = wb.worksheets[0].getRow(5);
    expect([wan(total.getCell(6).value as number), wan(total.getCell(8).value as number)]).toEqual([wan(ping.annualPlanWan), wan(ping.completedYearWan)]);
  });
});
