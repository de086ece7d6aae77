import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { chinaYear } from "@/lib/dates";
import { db } from "@/lib/db";
import type { SessionUser } from "@/lib/server/auth/current-user";
import { prepareIndicatorExport } from "@/lib/server/exports/export-indicators";
import { commitImport } from "@/lib/server/imports/commit-import";
import { getImport } from "@/lib/server/imports/get-import";
import { previewImport } from "@/lib/server/imports/preview-import";
import { indicatorFigures } from "@/lib/server/indicators/indicator-figures";
import { reviewIndicatorValues } from "@/lib/server/indicators/review-indicator-values";
import { saveIndicatorValue } from "@/lib/server/indicators/save-indicator-value";
import { makeIndicator, makePlan } from "@/lib/server/seed/factories";
import { expectAppError, sessionFor } from "../support/users";

// 主要指标 monitoring values through the template: exported with the official values, filled in with
// a spreadsheet program, uploaded, previewed cell by cell (old → new, rejected with the reason),
// confirmed all or none as proposals for review, idempotent, conditional on what the preview saw.
let admin: SessionUser;
let finance: SessionUser;
beforeAll(async () => {
  [admin, finance] = await Promise.all([sessionFor("ADMIN"), sessionFor("FINANCE_REVIEWER")]);
});

async function setup() {
  const { plan, units } = await makePlan(db, { unitNames: ["甲县", "乙县"] });
  const a = await makeIndicator(db, { planId: plan.id, baselineText: "18.19", targetText: "≤15" });
  const b = await makeIndicator(db, { planId: plan.id, baselineText: "80", targetText: "≥90", attribute: "EXPECTED" });
  return { plan, units, a, b };
}

// An approved value: entered by the plan office, approved by a finance reviewer (four eyes).
async function approved(indicatorId: number, year: number, value: string, unitId: number | null = null) {
  const saved = await saveIndicatorValue(admin, { indicatorId, unitId, year, value, dataSource: "统计年报" });
  await reviewIndicatorValues(finance, { items: [{ id: saved.id, version: saved.version }], decision: "APPROVE" });
}

// The template as the download route streams it, opened as a spreadsheet program would.
async function template(planId: number) {
  const job = await prepareIndicatorExport(admin, { plan: planId });
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (c: Buffer) => chunks.push(c));
  const ended = new Promise((resolve) => out.on("end", resolve));
  await job.write(out);
  if (!out.writableEnded) out.end();
  await ended;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.concat(chunks) as unknown as ExcelJS.Buffer);
  return { wb, fileName: job.fileName, sheet: new Sheet(wb.getWorksheet("指标数值")!) };
}

// Cells of the template addressed by header text, rows by 指标编号 and 范围.
class Sheet {
  readonly header: string[];
  constructor(readonly ws: ExcelJS.Worksheet) {
    this.header = (ws.getRow(2).values as unknown[]).slice(1).map((v) => String(v ?? ""));
  }
  col(h: string) {
    const i = this.header.indexOf(h);
    if (i < 0) throw new Error(`no column ${h}`);
    return i + 1;
  }
  rowOf(indicatorId: number, scope: string | null = null) {
    for (let r = 3; r <= this.ws.rowCount; r++) {
      const row = this.ws.getRow(r);
      if (row.getCell(1).value === indicatorId && (row.getCell(this.col("范围")).value ?? null) === scope) return row;
    }
    throw new Error(`no row for ${indicatorId} ${scope}`);
  }
  set(indicatorId: number, scope: string | null, header: string, value: string | number | null) {
    this.rowOf(indicatorId, scope).getCell(this.col(header)).value = value;
  }
  add(cells: Record<string, string | number | null>) {
    const values: (string | number | null)[] = this.header.map(() => null);
    for (const [h, v] of Object.entries(cells)) values[this.col(h) - 1] = v;
    this.ws.addRow(values);
  }
}
const bytes = async (wb: ExcelJS.Workbook) => Buffer.from(await wb.xlsx.writeBuffer());

const valuesOf = (indicatorIds: number[]) =>
  db.indicatorValue.findMany({ where: { indicatorId: { in: indicatorIds } }, orderBy: [{ indicatorId: "asc" }, { year: "asc" }, { revision: "asc" }] });
const auditOf = (planId: number) => db.auditEvent.count({ where: { planId, entityType: "IndicatorValue" } });

describe("the indicator template", () => {
  it("lists the plan's indicators × the years of its period with the official values only, and a row per unit with values", async () => {
    const { plan, a, b } = await setup();
    const unit = (await db.reportingUnit.findFirstOrThrow({ where: { planId: plan.id, name: "甲县" } })).id;
    await approved(a.id, 2022, "16.5");
    await approved(a.id, 2022, "10.25", unit);
    await saveIndicatorValue(admin, { indicatorId: a.id, unitId: null, year: 2023, value: "16.1", dataSource: "监测系统" }); // not approved
    const { sheet, fileName } = await template(plan.id);
    expect(fileName).toBe(`${plan.title}-主要指标监测数据.xlsx`);
    expect(sheet.header).toEqual([
      "指标编号",
      "领域",
      "指标",
      "计量单位",
      "属性",
      "范围",
      "基期",
      "目标",
      "2021年",
      "2022年",
      "2023年",
      "2024年",
      "2025年",
      "数据来源",
    ]);
    const region = sheet.rowOf(a.id);
    expect(region.getCell(sheet.col("指标")).value).toBe(a.name);
    expect(region.getCell(sheet.col("属性")).value).toBe("约束性");
    expect(region.getCell(sheet.col("目标")).value).toBe("≤15");
    expect(region.getCell(sheet.col("2022年")).value).toBe(16.5);
    expect(region.getCell(sheet.col("2023年")).value).toBeNull(); // submitted, not official
    expect(region.getCell(sheet.col("数据来源")).value).toBe("统计年报");
    expect(sheet.rowOf(a.id, "甲县").getCell(sheet.col("2022年")).value).toBe(10.25);
    expect(sheet.rowOf(b.id).getCell(sheet.col("2022年")).value).toBeNull();
    expect(() => sheet.rowOf(b.id, "甲县")).toThrow(); // no values, no unit row
    expect(sheet.ws.rowCount).toBe(5); // title, header, a, a/甲县, b
  });
});

describe("import: 主要指标数值表", () => {
  it("previews each cell old → new with the reasons for rejects; confirm submits them for review, once; the same file again changes nothing; one cell changed shows alone", async () => {
    const { plan, a, b } = await setup();
    const future = chinaYear() + 1;
    await db.plan.update({ where: { id: plan.id }, data: { periodEnd: future } });
    await approved(a.id, 2022, "16.5");
    const { wb, sheet } = await template(plan.id);
    sheet.set(a.id, null, "2023年", 16); // new
    sheet.set(a.id, null, "2024年", "约16"); // not a number
    sheet.set(a.id, null, `${future}年`, 15); // future year
    sheet.set(b.id, null, "2021年", "82.5"); // new, typed as text
    sheet.set(b.id, null, "2022年", "123456789012345"); // too big for NUMERIC(18,4)
    sheet.set(b.id, null, "数据来源", "监测系统");
    sheet.add({ 指标: "不存在的指标", "2021年": 1, 数据来源: "统计年报" });
    sheet.add({ 指标编号: b.id, 范围: "丙县", "2021年": 1, 数据来源: "统计年报" });
    sheet.add({ 指标编号: b.id, 范围: "甲县", "2021年": 3 }); // no 数据来源
    sheet.add({ 指标编号: b.id, 范围: "乙县", "2021年": 84.25, 数据来源: "抽样调查" }); // a unit's value: new
    const file = await bytes(wb);
    const before = await valuesOf([a.id, b.id]);

    const { batchId, counts } = await previewImport(admin, { planId: plan.id, fileName: "指标.xlsx", bytes: file });
    expect(counts).toEqual({ new: 3, changed: 0, unchanged: 1, rejected: 6 });
    const view = await getImport(admin, { id: batchId, state: "all" });
    expect(view.summary.layout).toBe("indicatorValues");
    const rows = view.rows.map((r) => ({ state: r.state, year: r.year, unit: r.unit, reason: r.reasons?.[0]?.message, changes: r.changes }));
    expect(rows).toEqual([
      { state: "unchanged", year: 2022, unit: null, reason: undefined, changes: undefined },
      {
        state: "new",
        year: 2023,
        unit: null,
        reason: undefined,
        changes: [
          { field: "value", old: null, new: "16" },
          { field: "dataSource", old: null, new: "统计年报" },
        ],
      },
      { state: "rejected", year: 2024, unit: null, reason: "“约16”不是数值（没有数据请留空）", changes: undefined },
      { state: "rejected", year: future, unit: null, reason: `${future} 年尚未到来，不能填报未来年份`, changes: undefined },
      {
        state: "new",
        year: 2021,
        unit: null,
        reason: undefined,
        changes: [
          { field: "value", old: null, new: "82.5" },
          { field: "dataSource", old: null, new: "监测系统" },
        ],
      },
      { state: "rejected", year: 2022, unit: null, reason: "“123456789012345”超出可保存的范围（最多 14 位整数、4 位小数）", changes: undefined },
      { state: "rejected", year: undefined, unit: null, reason: expect.stringContaining("本规划中没有指标“不存在的指标”"), changes: undefined },
      { state: "rejected", year: undefined, unit: null, reason: expect.stringContaining("范围“丙县”不是本规划的填报单位"), changes: undefined },
      { state: "rejected", year: 2021, unit: "甲县", reason: expect.stringContaining("缺少数据来源"), changes: undefined },
      {
        state: "new",
        year: 2021,
        unit: "乙县",
        reason: undefined,
        changes: [
          { field: "value", old: null, new: "84.25" },
          { field: "dataSource", old: null, new: "抽样调查" },
        ],
      },
    ]);
    expect(view.rows[0]).toMatchObject({ name: a.name, indicatorId: a.id });
    expect(await valuesOf([a.id, b.id])).toEqual(before); // the preview writes nothing

    const result = await commitImport(admin, { batchId });
    expect(result).toMatchObject({ indicatorValues: 3, already: false });
    const written = (await valuesOf([a.id, b.id])).filter((v) => !before.some((x) => x.id === v.id));
    const yi = (await db.reportingUnit.findFirstOrThrow({ where: { planId: plan.id, name: "乙县" } })).id;
    expect(written.map((v) => [v.indicatorId, v.unitId, v.year, v.value.toFixed(), v.dataSource, v.status, v.isOfficial, v.submittedById])).toEqual([
      [a.id, null, 2023, "16", "统计年报", "SUBMITTED", false, admin.id],
      [b.id, null, 2021, "82.5", "监测系统", "SUBMITTED", false, admin.id],
      [b.id, yi, 2021, "84.25", "抽样调查", "SUBMITTED", false, admin.id],
    ]);
    const audit = await db.auditEvent.findMany({ where: { planId: plan.id, entityType: "IndicatorValue", reason: { startsWith: `导入批次 #${batchId}` } } });
    expect(audit.map((e) => [e.action, Number(e.entityId)]).sort()).toEqual(written.map((v) => ["indicatorValue.submit", v.id]).sort());
    expect(await db.auditEvent.count({ where: { action: "import.commit", entityId: String(batchId) } })).toBe(1);
    // Officially nothing changes until a reviewer approves.
    const official = (await indicatorFigures(plan.id, { submitted: false })).find((f) => f.indicator.id === a.id)!;
    expect(official.latest).toMatchObject({ year: 2022, value: "16.5" });

    // Confirming again answers the first result; the same file again: recognised, nothing to write.
    expect(await commitImport(admin, { batchId })).toMatchObject({ already: true, indicatorValues: 3 });
    const auditBefore = await auditOf(plan.id);
    const again = await previewImport(admin, { planId: plan.id, fileName: "指标.xlsx", bytes: file });
    expect(again.counts).toEqual({ new: 0, changed: 0, unchanged: 4, rejected: 6 });
    expect((await getImport(admin, { id: again.batchId })).summary.alreadyImported).toMatchObject({ id: batchId });
    expect(await commitImport(admin, { batchId: again.batchId })).toMatchObject({ indicatorValues: 0 });
    expect(await auditOf(plan.id)).toBe(auditBefore);

    // One cell changed: only that cell is a change; the submitted value is edited in place.
    sheet.set(a.id, null, "2023年", 15.8);
    const edited = await previewImport(admin, { planId: plan.id, fileName: "指标.xlsx", bytes: await bytes(wb) });
    expect(edited.counts).toEqual({ new: 0, changed: 1, unchanged: 3, rejected: 6 });
    const changed = (await getImport(admin, { id: edited.batchId, state: "changed" })).rows;
    expect(changed).toEqual([expect.objectContaining({ indicatorId: a.id, year: 2023, changes: [{ field: "value", old: "16", new: "15.8" }] })]);
    await commitImport(admin, { batchId: edited.batchId });
    const a2023 = await db.indicatorValue.findFirstOrThrow({ where: { indicatorId: a.id, unitId: null, year: 2023, isCurrent: true } });
    expect([a2023.id, a2023.value.toFixed(), a2023.version, a2023.status]).toEqual([written[0].id, "15.8", 2, "SUBMITTED"]);
    expect(await auditOf(plan.id)).toBe(auditBefore + 1);

    // A value the reviewer returned: the import submits it again, in place.
    await reviewIndicatorValues(finance, { items: [{ id: a2023.id, version: a2023.version }], decision: "RETURN", comment: "请核实" });
    sheet.set(a.id, null, "2023年", 15.7);
    const resubmitted = await previewImport(admin, { planId: plan.id, fileName: "指标.xlsx", bytes: await bytes(wb) });
    expect(resubmitted.counts).toMatchObject({ changed: 1 });
    await commitImport(admin, { batchId: resubmitted.batchId });
    expect(await db.indicatorValue.findUniqueOrThrow({ where: { id: a2023.id } })).toMatchObject({ status: "SUBMITTED", version: 4, reviewComment: null });
    expect(await db.auditEvent.findFirst({ where: { entityType: "IndicatorValue", entityId: String(a2023.id) }, orderBy: { id: "desc" } })).toMatchObject({
      action: "indicatorValue.resubmit",
      entityVersion: 4,
      changes: [{ field: "value", old: "15.8", new: "15.7" }],
    });
  });

  it("an approved value changed by the import becomes a correction revision; the approved one stays official until the correction is approved", async () => {
    const { plan, a } = await setup();
    await approved(a.id, 2022, "16.5");
    const { wb, sheet } = await template(plan.id);
    const exported = await bytes(wb); // as downloaded, untouched
    sheet.set(a.id, null, "2022年", 16.2);
    const { batchId, counts } = await previewImport(admin, { planId: plan.id, fileName: "更正.xlsx", bytes: await bytes(wb) });
    expect(counts).toMatchObject({ new: 0, changed: 1 });
    expect((await getImport(admin, { id: batchId, state: "changed" })).rows[0]).toMatchObject({
      correction: true,
      changes: [{ field: "value", old: "16.5", new: "16.2" }],
    });
    await commitImport(admin, { batchId });
    const [original, correction] = await valuesOf([a.id]);
    expect([original.value.toFixed(), original.status, original.isOfficial, original.isCurrent]).toEqual(["16.5", "APPROVED", true, false]);
    expect([
      correction.value.toFixed(),
      correction.status,
      correction.isOfficial,
      correction.isCurrent,
      correction.revision,
      correction.correctionReason,
    ]).toEqual(["16.2", "SUBMITTED", false, true, 2, `导入批次 #${batchId}`]);
    expect(await db.auditEvent.findFirst({ where: { entityType: "IndicatorValue", entityId: String(correction.id) } })).toMatchObject({
      action: "indicatorValue.correct",
      changes: [{ field: "value", old: "16.5", new: "16.2" }],
    });
    const figure = async () => (await indicatorFigures(plan.id, { submitted: false })).find((f) => f.indicator.id === a.id)!.latest;
    expect(await figure()).toMatchObject({ year: 2022, value: "16.5" });

    // The template as first downloaded (official 16.5) does not undo the pending correction.
    expect((await previewImport(admin, { planId: plan.id, fileName: "原模板.xlsx", bytes: exported })).counts).toMatchObject({ changed: 0, unchanged: 1 });

    await reviewIndicatorValues(finance, { items: [{ id: correction.id, version: correction.version }], decision: "APPROVE" });
    expect(await figure()).toMatchObject({ year: 2022, value: "16.2" });
    expect((await db.indicatorValue.findUniqueOrThrow({ where: { id: original.id } })).isOfficial).toBe(false);
  });

  it("20 concurrent confirms of the same file: one applies, the others write nothing", async () => {
    const { plan, a, b } = await setup();
    await approved(b.id, 2021, "80");
    const { wb, sheet } = await template(plan.id);
    sheet.set(a.id, null, "2021年", 17.5);
    sheet.set(a.id, null, "数据来源", "统计年报");
    sheet.set(b.id, null, "2021年", 81); // a correction
    const file = await bytes(wb);
    const batches: number[] = [];
    for (let i = 0; i < 20; i++) batches.push((await previewImport(admin, { planId: plan.id, fileName: `并发${i}.xlsx`, bytes: file })).batchId);
    const audit = await auditOf(plan.id);
    const results = await Promise.allSettled(batches.map((batchId) => commitImport(admin, { batchId })));
    const applied = results.filter((r) => r.status === "fulfilled" && (r.value as { indicatorValues?: number }).indicatorValues === 2);
    expect(applied).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect((r.reason as { code: string }).code).toBe("CONFLICT");
    const values = await valuesOf([a.id, b.id]);
    expect(values.map((v) => [v.indicatorId, v.year, v.value.toFixed(), v.status, v.isCurrent])).toEqual([
      [a.id, 2021, "17.5", "SUBMITTED", true],
      [b.id, 2021, "80", "APPROVED", false],
      [b.id, 2021, "81", "SUBMITTED", true],
    ]);
    expect(await auditOf(plan.id)).toBe(audit + 2);
  });

  it("a stale preview is refused with CONFLICT and nothing is written", async () => {
    const { plan, a, b } = await setup();
    await approved(a.id, 2021, "17");
    const { wb, sheet } = await template(plan.id);
    sheet.set(a.id, null, "2021年", 16.9); // a correction of the approved value
    sheet.set(b.id, null, "2021年", 85); // new
    sheet.set(b.id, null, "数据来源", "统计年报");
    const file = await bytes(wb);

    // Someone enters the value the preview saw as new.
    const first = await previewImport(admin, { planId: plan.id, fileName: "过期.xlsx", bytes: file });
    const meanwhile = await saveIndicatorValue(admin, { indicatorId: b.id, unitId: null, year: 2021, value: "84", dataSource: "监测系统" });
    const before = await valuesOf([a.id, b.id]);
    const audit = await db.auditEvent.count({ where: { planId: plan.id } });
    const refused = await expectAppError(commitImport(admin, { batchId: first.batchId }), "CONFLICT");
    expect(refused.message).toContain("本次导入未写入任何数据");
    expect(await valuesOf([a.id, b.id])).toEqual(before);
    expect(await db.auditEvent.count({ where: { planId: plan.id } })).toBe(audit);
    expect((await db.importBatch.findUniqueOrThrow({ where: { id: first.batchId } })).status).toBe("PREVIEWED");

    // A value the preview saw is decided meanwhile (the pending one approved): refused again.
    const second = await previewImport(admin, { planId: plan.id, fileName: "过期.xlsx", bytes: file });
    expect(second.counts).toMatchObject({ changed: 2 });
    await reviewIndicatorValues(finance, { items: [{ id: meanwhile.id, version: meanwhile.version }], decision: "APPROVE" });
    const decided = await valuesOf([a.id, b.id]);
    await expectAppError(commitImport(admin, { batchId: second.batchId }), "CONFLICT");
    expect(await valuesOf([a.id, b.id])).toEqual(decided);

    // Previewed again, it applies.
    const third = await previewImport(admin, { planId: plan.id, fileName: "过期.xlsx", bytes: file });
    expect(await commitImport(admin, { batchId: third.batchId })).toMatchObject({ indicatorValues: 2 });
  });

  it("reads a sheet of one's own: indicators by name with or without the unit, years as numbers, 全域; refuses unusable sheets with the reason and changes nothing", async () => {
    const { plan, a, b } = await setup();
    const own = new ExcelJS.Workbook();
    const ws = own.addWorksheet("监测");
    ws.addRow(["指标名称", "范围", 2021, 2022, "数据来源"]);
    ws.addRow([a.shortName, "全域", 17.2, null, "统计年报"]);
    ws.addRow([b.name, "", "—", "88.0", "监测系统"]);
    const { batchId, counts } = await previewImport(admin, { planId: plan.id, fileName: "自制.xlsx", bytes: await bytes(own) });
    expect(counts).toEqual({ new: 2, changed: 0, unchanged: 0, rejected: 0 });
    expect((await getImport(admin, { id: batchId })).rows.map((r) => [r.indicatorId, r.year, r.changes?.[0].new])).toEqual([
      [a.id, 2021, "17.2"],
      [b.id, 2022, "88"],
    ]);

    const refuse = async (rows: (string | number | null)[][], message: string, extra?: (wb: ExcelJS.Workbook) => void) => {
      const wb = new ExcelJS.Workbook();
      const sheet = wb.addWorksheet("表");
      rows.forEach((r) => sheet.addRow(r));
      extra?.(wb);
      const batches = await db.importBatch.count({ where: { planId: plan.id } });
      expect((await expectAppError(previewImport(admin, { planId: plan.id, fileName: "x.xlsx", bytes: await bytes(wb) }), "BAD_FILE")).message).toContain(
        message,
      );
      expect(await db.importBatch.count({ where: { planId: plan.id } })).toBe(batches);
    };
    await refuse(
      [
        ["指标", "2021年"],
        [a.name, 1],
      ],
      "须有“数据来源”列",
    );
    await refuse(
      [
        ["指标", "年度", "数值", "数据来源"],
        [a.name, 2021, 1, "统计年报"],
      ],
      "须按年度分列",
    );
    await refuse(
      [
        ["指标", "2021年", "数据来源"],
        [a.name, 1, "统计年报"],
      ],
      "不能同时包含项目表和指标数值表",
      (wb) => wb.addWorksheet("项目").addRow(["单位", "项目类别", "项目名称", "建设周期", "总投资（亿元）"]),
    );
    // Only the plan office imports (the region's and every unit's values).
    const officer = await sessionFor("COUNTY_OFFICER", [(await db.reportingUnit.findFirstOrThrow({ where: { planId: plan.id } })).id]);
    await expectAppError(previewImport(officer, { planId: plan.id, fileName: "自制.xlsx", bytes: await bytes(own) }), "FORBIDDEN");
    await expectAppError(prepareIndicatorExport(await sessionFor("VIEWER"), { plan: plan.id }), "FORBIDDEN");
  });
});
