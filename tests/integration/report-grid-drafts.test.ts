import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { makePlan, makeProject } from "@/lib/server/seed/factories";
import type { SessionUser } from "@/lib/server/auth/current-user";
import { gridRows } from "@/lib/server/reports/grid-rows";
import { saveReport } from "@/lib/server/reports/save-report";
import { saveReportGrid } from "@/lib/server/reports/save-report-grid";
import { submitReportGrid } from "@/lib/server/reports/submit-report-grid";
import { currentPeriod, periodLabel } from "@/lib/periods";
import { expectAppError, sessionFor } from "../support/users";

// 批量填报 as a spreadsheet (#15.1): every edited row is saved as a draft, 提交 is its own step, and
// every error of every row comes back at once, keyed by row and field, naming the column.
let ctx: { planId: number; sectionId: number; unitId: number; otherUnitId: number; officer: SessionUser };
beforeAll(async () => {
  const { plan, section, units } = await makePlan(db, { unitNames: ["网格县", "邻县"] });
  ctx = { planId: plan.id, sectionId: section.id, unitId: units[0].id, otherUnitId: units[1].id, officer: await sessionFor("COUNTY_OFFICER", [units[0].id]) };
});

const project = () => makeProject(db, { planId: ctx.planId, sectionId: ctx.sectionId, unitId: ctx.unitId, totalWan: "1000" });
const row = (projectId: number, extra: Record<string, unknown> = {}) => ({
  projectId,
  moneyUnit: "wan",
  completedAmount: "10",
  progressPercent: "20",
  progressText: "主体施工",
  ...extra,
});
const current = (projectId: number, period: string) => db.progressReport.findFirst({ where: { projectId, period, isCurrent: true } });

describe("grid save: drafts", () => {
  it("rows filled in without 提交 are saved as drafts and come back in the grid after a reload", async () => {
    const [a, b] = [await project(), await project()];
    const result = await saveReportGrid(ctx.officer, { period: "2025-04", rows: [row(a.id), row(b.id, { problems: "征地未完成" })] });
    expect(result).toMatchObject({ saved: 2, submitted: 0, failed: 0 });
    expect((await current(a.id, "2025-04"))?.status).toBe("DRAFT");
    const grid = await gridRows(ctx.officer, { planId: ctx.planId, period: "2025-04", moneyUnit: "wan" });
    const back = grid.rows.find((r) => r.projectId === b.id)!;
    expect(back).toMatchObject({ status: "DRAFT", completedAmount: "10", problems: "征地未完成", version: 1 });
    expect(back.reportId).toBe((await current(b.id, "2025-04"))!.id);
  });

  it("saving a row from the grid keeps the 到位资金 typed in the report form (fields the grid does not show)", async () => {
    const p = await project();
    await saveReport(ctx.officer, { ...row(p.id), period: "2025-05", fundsCentral: "300" });
    const [gridRow] = (await gridRows(ctx.officer, { planId: ctx.planId, period: "2025-05", moneyUnit: "wan" })).rows.filter((r) => r.projectId === p.id);
    const { name: _n, unit: _u, startYear: _s, endYear: _e, outside: _o, reportId: _r, status: _st, reviewComment: _c, ...values } = gridRow;
    await saveReportGrid(ctx.officer, { period: "2025-05", rows: [{ ...values, moneyUnit: "wan", completedAmount: "12" }] });
    const saved = await current(p.id, "2025-05");
    expect(saved?.completedAmount?.toString()).toBe("12");
    expect(saved?.fundsCentral?.toString()).toBe("300");
  });

  it("without a chosen unit the grid is in the plan's unit (亿元), and saving its rows in it keeps every amount exact", async () => {
    const p = await project();
    await saveReport(ctx.officer, { ...row(p.id), period: "2025-07", completedAmount: "12.3456", fundsCentral: "300" });
    const grid = await gridRows(ctx.officer, { planId: ctx.planId, period: "2025-07" });
    expect(grid.unit).toBe("yi");
    const [gridRow] = grid.rows.filter((r) => r.projectId === p.id);
    expect(gridRow).toMatchObject({ completedAmount: "0.00123456", fundsCentral: "0.03" });
    const { name: _n, unit: _u, startYear: _s, endYear: _e, outside: _o, reportId: _r, status: _st, reviewComment: _c, ...values } = gridRow;
    await saveReportGrid(ctx.officer, { period: "2025-07", rows: [{ ...values, moneyUnit: grid.unit, progressPercent: "30" }] });
    const saved = await current(p.id, "2025-07");
    expect(saved?.completedAmount?.toString()).toBe("12.3456");
    expect(saved?.fundsCentral?.toString()).toBe("300");
    expect(saved?.progressPercent?.toString()).toBe("30");
  });
});

describe("grid save: errors", () => {
  it("returns every error of every row at once, keyed by row and field and naming the column; valid rows are saved, bad rows not at all", async () => {
    const [good, bad1, bad2, foreignOk] = [await project(), await project(), await project(), await project()];
    const foreign = await makeProject(db, { planId: ctx.planId, sectionId: ctx.sectionId, unitId: ctx.otherUnitId });
    const result = await saveReportGrid(ctx.officer, {
      period: "2025-06",
      rows: [
        row(good.id),
        // Three bad cells in one row, all reported; the good text in the row is not saved either.
        row(bad1.id, { completedAmount: "1.23456", progressPercent: "120", annualPlan: "12345678901234567", problems: "不应保存" }),
        row(bad2.id, { completedAmount: "-5" }),
        row(foreign.id),
        row(foreignOk.id, { completedAmount: "" }),
      ],
    });
    expect(result).toMatchObject({ saved: 1, failed: 4 });
    const byProject = Object.fromEntries(result.results.map((r) => [r.projectId, r]));
    const errors = (id: number) => (byProject[id] as { errors: Record<string, string[]> }).errors;
    expect(errors(bad1.id)).toEqual({
      completedAmount: ["本期完成投资：超出可保存的范围（以万元填写最多 4 位小数）"],
      progressPercent: ["形象进度%：形象进度请填 0–100 之间的数字"],
      annualPlan: ["年度计划投资：超出可保存的范围（金额过大，最多 99,999,999,999,999.9999 万元）"],
    });
    expect(errors(bad2.id)).toEqual({ completedAmount: ["本期完成投资：金额不能为负数，请输入不小于 0 的数字"] });
    expect(errors(foreignOk.id)).toEqual({ completedAmount: ["本期完成投资：请填写本期完成投资（没有完成请填 0）"] });
    expect(errors(foreign.id)._row[0]).toMatch(/权限|无权/);
    expect((await current(good.id, "2025-06"))?.status).toBe("DRAFT");
    expect(await db.progressReport.count({ where: { projectId: { in: [bad1.id, bad2.id, foreign.id, foreignOk.id] } } })).toBe(0);
  });

  it("a row saved from a stale version is a conflict on that row; the other rows still save", async () => {
    const [a, b] = [await project(), await project()];
    const first = await saveReportGrid(ctx.officer, { period: "2025-07", rows: [row(a.id)] });
    const seen = first.results[0].ok ? first.results[0].data.version : 0;
    await saveReport(ctx.officer, { ...row(a.id, { completedAmount: "11" }), period: "2025-07", version: seen }); // someone else, meanwhile
    const result = await saveReportGrid(ctx.officer, { period: "2025-07", rows: [row(a.id, { version: seen, completedAmount: "99" }), row(b.id)] });
    expect(result).toMatchObject({ saved: 1, failed: 1 });
    expect(result.results[0]).toMatchObject({ ok: false, code: "CONFLICT", errors: { _row: [expect.stringContaining("已被修改")] } });
    expect((await current(a.id, "2025-07"))?.completedAmount?.toString()).toBe("11");
  });
});

describe("grid 提交 step", () => {
  it("submits the saved drafts listed (one row, or every valid row), each at the version seen; a stale row is a conflict, the others submit", async () => {
    const [a, b, c] = [await project(), await project(), await project()];
    const saved = await saveReportGrid(ctx.officer, { period: "2025-08", rows: [row(a.id), row(b.id), row(c.id)] });
    const items = saved.results.map((r) => (r.ok ? { id: r.data.id, version: r.data.version } : null)!);
    // c changes after the officer saw it.
    await saveReport(ctx.officer, { ...row(c.id, { completedAmount: "30" }), period: "2025-08", version: items[2].version });
    const result = await submitReportGrid(ctx.officer, { items });
    expect(result).toMatchObject({ submitted: 2, failed: 1 });
    expect(result.results[2]).toMatchObject({ ok: false, code: "CONFLICT" });
    expect((await current(a.id, "2025-08"))?.status).toBe("SUBMITTED");
    expect((await current(b.id, "2025-08"))?.status).toBe("SUBMITTED");
    expect((await current(c.id, "2025-08"))?.status).toBe("DRAFT");
    // Submitting is separate from saving: the saves above submitted nothing.
    expect(saved.submitted).toBe(0);
    await expectAppError(submitReportGrid(ctx.officer, { items: [] }), "VALIDATION");
  });

  it("an officer cannot submit another unit's report through the grid", async () => {
    const foreign = await makeProject(db, { planId: ctx.planId, sectionId: ctx.sectionId, unitId: ctx.otherUnitId });
    const other = await sessionFor("COUNTY_OFFICER", [ctx.otherUnitId]);
    const r = await saveReport(other, { ...row(foreign.id), period: "2025-08" });
    const result = await submitReportGrid(ctx.officer, { items: [{ id: r.id, version: r.version }] });
    expect(result.results[0]).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect((await current(foreign.id, "2025-08"))?.status).toBe("DRAFT");
  });
});

describe("grid races", () => {
  it("20 concurrent grid saves of the same row from the same version: 1 saved, 19 conflicts", async () => {
    const p = await project();
    const base = await saveReport(ctx.officer, { ...row(p.id), period: "2025-09" });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        saveReportGrid(ctx.officer, { period: "2025-09", rows: [row(p.id, { version: base.version, completedAmount: String(100 + i) })] }),
      ),
    );
    const rows = results.map((r) => r.results[0]);
    expect(rows.filter((r) => r.ok)).toHaveLength(1);
    expect(rows.filter((r) => !r.ok && r.code === "CONFLICT")).toHaveLength(19);
    expect((await current(p.id, "2025-09"))?.version).toBe(base.version + 1);
  });

  it("20 concurrent grid submits of the same draft: 1 submitted, 19 refused (a conflict, or already submitted), 1 audit row", async () => {
    const p = await project();
    const base = await saveReport(ctx.officer, { ...row(p.id), period: "2025-10" });
    const results = await Promise.all(Array.from({ length: 20 }, () => submitReportGrid(ctx.officer, { items: [{ id: base.id, version: base.version }] })));
    const rows = results.map((r) => r.results[0]);
    expect(rows.filter((r) => r.ok)).toHaveLength(1);
    // A request reading the report after the winner committed is told it is no longer a draft; one racing it is told of the conflict.
    const refused = rows.filter((r) => !r.ok);
    expect(refused).toHaveLength(19);
    for (const r of refused) expect(r.ok ? "" : r.message).toMatch(/提交失败：该报告在此期间已被修改|只有草稿或被退回的报告可以提交/);
    expect((await current(p.id, "2025-10"))?.version).toBe(base.version + 1);
    expect(await db.auditEvent.count({ where: { action: "report.submit", entityType: "ProgressReport", entityId: String(base.id) } })).toBe(1);
  });
});

describe("pasting a block from Excel/WPS", () => {
  it("reads tab-separated rows, CRLF or LF, quoted cells with line breaks, tabs and quotes, and the trailing line break", async () => {
    const { parseClipboardTable } = await import("@/lib/clipboard-table");
    expect(parseClipboardTable("1\t2\t3\r\n4\t5\t6\r\n")).toEqual([
      ["1", "2", "3"],
      ["4", "5", "6"],
    ]);
    expect(parseClipboardTable('10\t"主体\n封顶"\t"说""明"\n20\t\t"a\tb"')).toEqual([
      ["10", "主体\n封顶", '说"明'],
      ["20", "", "a\tb"],
    ]);
    expect(parseClipboardTable('5"寸\t7')).toEqual([['5"寸', "7"]]);
    expect(parseClipboardTable("单个值")).toEqual([["单个值"]]);
  });
});

describe("periods refused when the page opens", () => {
  it("the grid and the report form say why a future period, one before the plan or one of another cycle cannot be reported", async () => {
    const { reportFormData } = await import("@/lib/server/reports/report-form-data");
    const p = await project();
    const future = await gridRows(ctx.officer, { planId: ctx.planId, period: "2099-03" });
    expect(future.periodProblem).toBe(`不能填报未来的期次（2099年3月）：当前最晚可填报${periodLabel(currentPeriod("MONTHLY"))}。`);
    expect((await gridRows(ctx.officer, { planId: ctx.planId, period: "2020-12" })).periodProblem).toContain("早于本规划的起始年份（2021 年）");
    expect((await gridRows(ctx.officer, { planId: ctx.planId, period: "2025-06" })).periodProblem).toBeNull();
    expect((await reportFormData(ctx.officer, { projectId: p.id, period: "2025-Q1" })).periodProblem).toContain("本规划按月填报");
    expect((await reportFormData(ctx.officer, { projectId: p.id, period: "2099-01" })).periodProblem).toContain("不能填报未来的期次");
    expect((await reportFormData(ctx.officer, { projectId: p.id })).periodProblem).toBeNull();
  });
});
