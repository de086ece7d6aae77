import fs from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { makePlan, makeProject } from "@/lib/server/seed/factories";
import { makeAnnualPlan, makeApprovedReport } from "@/lib/server/seed/excel-factories";
import { prepareScheduleExport } from "@/lib/server/exports/export-schedule";
import { figureTotals } from "@/lib/server/rollups/figure-totals";
import { planRollup, planTotals } from "@/lib/server/rollups/plan-rollup";
import type { SessionUser } from "@/lib/server/auth/current-user";
import { collect, convertWithLibreOffice, readWorkbook } from "../support/excel";
import { expectAppError, sessionFor } from "../support/users";

let ctx: { planId: number; units: { id: number; name: string }[]; finance: SessionUser; ids: Record<string, number> };

beforeAll(async () => {
  const { plan, section, units } = await makePlan(db, { unitNames: ["甲县", "乙县"] });
  const s2 = await db.section.create({ data: { planId: plan.id, key: "s2", kind: "CATEGORY", title: "公卫机构", locator: "test", sortOrder: 1 } });
  const [a, b] = units;
  const p1 = await makeProject(db, { planId: plan.id, sectionId: section.id, unitId: a.id, name: "甲县人民医院", totalWan: "12000" });
  const p2 = await makeProject(db, { planId: plan.id, sectionId: section.id, unitId: a.id, name: '=HYPERLINK("http://x")', totalWan: null });
  const p3 = await makeProject(db, { planId: plan.id, sectionId: section.id, unitId: a.id, name: "甲县中医院、甲县妇幼保健院", totalWan: "8000" });
  const c1 = await makeProject(db, { planId: plan.id, sectionId: section.id, unitId: a.id, name: "甲县中医院", totalWan: null, parentId: p3.id });
  const p4 = await makeProject(db, { planId: plan.id, sectionId: s2.id, unitId: a.id, name: "甲县疾控中心", totalWan: "3000.5" });
  const p5 = await makeProject(db, { planId: plan.id, sectionId: section.id, unitId: b.id, name: "乙县人民医院", totalWan: "20000" });
  await makeAnnualPlan(db, { projectId: p1.id, year: 2025, amountWan: "4000" });
  await makeAnnualPlan(db, { projectId: p5.id, year: 2025, amountWan: "5000" });
  await makeApprovedReport(db, { projectId: p1.id, period: "2024-12", completedWan: "1000" });
  await makeApprovedReport(db, { projectId: p1.id, period: "2025-01", completedWan: "500" });
  await makeApprovedReport(db, {
    projectId: p1.id,
    period: "2025-02",
    completedWan: "300",
    progressPercent: "40",
    progressText: "主体施工",
    problems: "-资金缺口",
    nextSteps: "加快进度",
  });
  // A bundle reports on its line (p3), never on a sub-project (the database refuses that).
  await makeApprovedReport(db, { projectId: p3.id, period: "2025-02", completedWan: "120.25" });
  await makeApprovedReport(db, { projectId: p5.id, period: "2025-02", completedWan: "2500" });
  // a submitted (not approved) report counts only when asked for
  await makeApprovedReport(db, { projectId: p4.id, period: "2025-02", completedWan: "99", status: "SUBMITTED" });
  ctx = { planId: plan.id, units, finance: await sessionFor("FINANCE_REVIEWER"), ids: { p1: p1.id, p2: p2.id, p3: p3.id, c1: c1.id, p4: p4.id, p5: p5.id } };
});

const values = (row: { getCell: (c: number) => { value: unknown } }, from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => row.getCell(from + i).value);
const num = (wan: string | null, div = 1) => (wan === null ? null : Number(wan) / div);

describe("调度表 export", () => {
  it("whole plan: summary sheet + one sheet per unit, two-level merged header, frozen, A4 landscape, totals equal the rollups", async () => {
    const job = await prepareScheduleExport(ctx.finance, { plan: String(ctx.planId), period: "2025-02", money: "wan" });
    const buf = await collect(job.write);
    const wb = await readWorkbook(buf);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["汇总", "甲县", "乙县"]);

    const ws = wb.getWorksheet("甲县")!;
    expect(ws.getCell("A1").value).toMatch(/项目进度调度表$/);
    // The title line says what the sheet counts: the lines p1–p4; the sub-project c1 apart.
    expect(ws.getCell("A2").value).toBe("单位：甲县　　报告期：2025年2月　　金额单位：万元　　项目 4 个（不含子项目；子项目 1 个列在所属打包项目下，另计）");
    expect(ws.model.merges).toEqual(expect.arrayContaining(["A1:N1", "A2:N2", "A3:A4", "B3:B4", "F3:F4", "G3:J3", "K3:K4", "N3:N4"]));
    expect(values(ws.getRow(3), 1, 7)).toEqual(["序号", "项目名称", "建设单位", "建设起止年限", "总投资", "年度计划投资", "投资完成情况"]);
    expect(values(ws.getRow(4), 7, 10)).toEqual(["本期完成", "本年累计完成", "累计完成", "完成率"]);
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 4, xSplit: 2 });
    expect(ws.pageSetup).toMatchObject({ orientation: "landscape", paperSize: 9, printTitlesRow: "3:4", fitToWidth: 1 });
    expect(ws.getColumn(2).width).toBeGreaterThan(30);

    // 合计 row = the unit's SQL totals; category rows = unit+section totals
    const totals = await figureTotals({ planId: ctx.planId, period: "2025-02" });
    const unitA = totals.byUnit.get(ctx.units[0].id)!;
    const total = ws.getRow(5);
    expect(total.getCell(2).value).toBe("合计");
    expect(values(total, 5, 9)).toEqual([
      num(unitA.totalWan),
      num(unitA.annualPlanWan),
      num(unitA.periodWan),
      num(unitA.yearToDateWan),
      num(unitA.cumulativeWan),
    ]);
    expect(values(total, 5, 9)).toEqual([23000.5, 4000, 420.25, 920.25, 1920.25]);
    // 完成率 = 920.25 / 4000 = 23.00625% shown, like the dashboard, to one decimal: 23.0%.
    expect(total.getCell(10).value).toBe(0.23);
    expect(total.getCell(5).numFmt).toBe("#,##0.00");
    expect(total.getCell(10).numFmt).toBe("0.0%");
    expect(values(ws.getRow(6), 1, 2)).toEqual(["一", "医院"]);
    expect(ws.getRow(6).getCell(5).value).toBe(20000);

    // project rows: figures from the per-project query, unknown left empty (never 0), sub-project under its line
    const rows = Array.from({ length: ws.rowCount - 6 }, (_, i) => ws.getRow(7 + i));
    const byName = new Map(rows.map((r) => [String(r.getCell(2).value), r]));
    // numbered rows are the lines (项目), as many as the unit's count; the sub-project is numbered （1）
    expect(rows.filter((r) => /^\d+$/.test(String(r.getCell(1).value))).length).toBe(unitA.projectCount);
    expect([unitA.projectCount, unitA.subProjectCount]).toEqual([4, 1]);
    const p1 = byName.get("甲县人民医院")!;
    expect(values(p1, 1, 14)).toEqual([
      "1",
      "甲县人民医院",
      null,
      "2021-2025",
      12000,
      4000,
      300,
      800,
      1800,
      0.2,
      "40% 主体施工",
      "'-资金缺口",
      "加快进度",
      "前期",
    ]);
    expect(p1.getCell(15).value).toMatch(/^p-/);
    expect(byName.get('\'=HYPERLINK("http://x")')!.getCell(5).value).toBeNull();
    const parentRow = byName.get("甲县中医院、甲县妇幼保健院")!.number;
    expect(values(ws.getRow(parentRow), 5, 9)).toEqual([8000, null, 120.25, 120.25, 120.25]);
    expect(ws.getRow(parentRow + 1).getCell(2).value).toBe("甲县中医院");
    expect(ws.getRow(parentRow + 1).getCell(1).value).toBe("（1）");
    expect(values(ws.getRow(parentRow + 1), 5, 9)).toEqual([null, null, null, null, null]); // no money on a sub-project
    const cat2 = rows.find((r) => r.getCell(1).value === "二")!;
    expect(cat2.getCell(2).value).toBe("公卫机构");
    expect(cat2.getCell(7).value).toBeNull(); // the submitted report does not count

    // summary: grand total and one row per unit, each equal to the rollups
    const sum = wb.getWorksheet("汇总")!;
    expect(values(sum.getRow(5), 2, 8)).toEqual([
      "总计",
      totals.grand.projectCount,
      num(totals.grand.totalWan),
      num(totals.grand.annualPlanWan),
      num(totals.grand.periodWan),
      num(totals.grand.yearToDateWan),
      num(totals.grand.cumulativeWan),
    ]);
    expect(totals.grand.projectCount).toBe(5); // p1–p5; c1 is a sub-project
    expect(sum.getCell("C3").value).toBe("项目个数（不含子项目）");
    const byUnit = await planRollup(ctx.planId, "unit");
    for (const u of byUnit) {
      const row = Array.from({ length: sum.rowCount }, (_, i) => sum.getRow(i + 1)).find((r) => r.getCell(2).value === u.name)!;
      expect(row.getCell(4).value).toBe(num(u.totalWan));
      expect(row.getCell(3).value).toBe(u.projectCount);
    }
    expect(sum.getCell("A3").value).toBe("序号");
    expect(sum.model.merges).toEqual(expect.arrayContaining(["F3:I3", "A1:I1"]));

    // LibreOffice opens it
    const pdf = convertWithLibreOffice(buf, "xlsx", "pdf");
    expect(fs.readFileSync(pdf).subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("one unit in 亿元, with submitted figures when asked", async () => {
    const job = await prepareScheduleExport(ctx.finance, { plan: ctx.planId, unit: ctx.units[0].id, period: "2025-02", money: "yi", includeSubmitted: "1" });
    expect(job.fileName).toContain("甲县");
    const wb = await readWorkbook(await collect(job.write));
    expect(wb.worksheets.map((w) => w.name)).toEqual(["甲县"]);
    const ws = wb.worksheets[0];
    expect(ws.getCell("A2").value).toContain("金额单位：亿元");
    expect(ws.getCell("A2").value).toContain("含已提交未审核数据");
    expect(ws.getCell("E5").value).toBe(2.30005);
    expect(ws.getCell("E5").numFmt).toBe("#,##0.0000");
    expect(ws.getCell("G5").value).toBe(0.051925); // 420.25 + 99 万元
  });

  it("the seeded 岳阳 plan: per-unit 总投资 equals the plan rollup, and the grand total is 227.736 亿元", async () => {
    const plan = await db.plan.findUniqueOrThrow({ where: { key: "yueyang" } });
    const job = await prepareScheduleExport(ctx.finance, { plan: plan.id, period: "2025-06", money: "yi" });
    const wb = await readWorkbook(await collect(job.write));
    const sum = wb.getWorksheet("汇总")!;
    expect(sum.getRow(5).getCell(4).value).toBe(227.736);
    expect(sum.getRow(5).getCell(3).value).toBe((await planTotals(plan.id)).projectCount); // the lines, as on the plan page
    // every unit, and 未分配单位 (two 专栏 projects without a unit, total unknown), has its sheet
    for (const u of await planRollup(plan.id, "unit")) {
      const sheet = wb.getWorksheet(u.name)!;
      expect(sheet.getRow(5).getCell(5).value).toBe(num(u.totalWan, 10000));
    }
  });

  it("refuses a viewer, a bad period and an unknown unit", async () => {
    await expectAppError(prepareScheduleExport(await sessionFor("VIEWER"), { plan: ctx.planId, period: "2025-02" }), "FORBIDDEN");
    await expectAppError(prepareScheduleExport(ctx.finance, { plan: ctx.planId, period: "2025-Q1" }), "VALIDATION");
    await expectAppError(prepareScheduleExport(ctx.finance, { plan: ctx.planId, period: "2025-13" }), "VALIDATION");
    await expectAppError(prepareScheduleExport(ctx.finance, { plan: ctx.planId, unit: 999999, period: "2025-02" }), "NOT_FOUND");
  });
});
