import "server-only";
import type { Writable } from "node:stream";
import type ExcelJS from "exceljs";
import { formatDateTime } from "@/lib/dates";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { zhExcel } from "@/lib/i18n/zh-CN-excel";
import { REGION_SCOPE, zhIndicatorImport } from "@/lib/i18n/zh-CN-indicator-import";
import { zhPlans } from "@/lib/i18n/zh-CN-plans";
import { indicatorExportSchema } from "@/lib/schemas/indicator";
import { ATTRIBUTE_LABEL, indicatorFigures } from "@/lib/server/indicators/indicator-figures";
import { operation } from "@/lib/server/operation";
import { XLSX_TYPE, type FileJob } from "./file-response";
import { BORDER, FONT, HEADER_FILL, printSetup, textCell, workbookWriter, wrappedHeight } from "./xlsx-kit";

// A plan's 主要指标 × the years of its period, with the official (approved) values filled in: one row
// per indicator for the plan's region (范围 blank), and one per indicator and active unit that has
// official values. Read back by the import (layout indicatorValues, lib/server/imports/
// indicator-sheet.ts): filled in and uploaded, the changed cells become proposals for review. Values
// come from the one read of indicator figures; a value a spreadsheet number cannot hold exactly is
// written as text, so it reads back unchanged.
const T = zhIndicatorImport;
const H = T.header;
const SPARE_ROWS = 200; // rows below the table where the 范围 pick list still applies

export const prepareIndicatorExport = operation({
  permission: "export.run",
  input: indicatorExportSchema,
  async run(_actor, v): Promise<FileJob> {
    const plan = await db.plan.findUnique({ where: { id: v.plan }, select: { id: true, title: true, periodStart: true, periodEnd: true } });
    if (!plan) throw new AppError("NOT_FOUND", zhPlans.errors.planNotFound);
    const [figures, units] = await Promise.all([
      indicatorFigures(plan.id, { submitted: false }),
      db.reportingUnit.findMany({
        where: { planId: plan.id, retiredAt: null },
        orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
        select: { id: true, name: true },
      }),
    ]);
    const years = Array.from({ length: plan.periodEnd - plan.periodStart + 1 }, (_, i) => plan.periodStart + i);
    const rows: Row[] = [];
    for (const f of figures) {
      for (const scope of [null, ...units]) {
        const values = f.values.filter((x) => x.unitId === (scope?.id ?? null));
        if (scope && values.length === 0) continue;
        const byYear = new Map(values.map((x) => [x.year, x.value]));
        rows.push({
          id: f.indicator.id,
          category: f.indicator.category,
          name: f.indicator.name,
          measure: f.indicator.unit,
          attribute: f.indicator.attribute ? ATTRIBUTE_LABEL[f.indicator.attribute] : null,
          scope: scope?.name ?? null,
          baseline: f.indicator.baselineText,
          target: f.indicator.targetText,
          values: years.map((y) => byYear.get(y) ?? null),
          dataSource: values.at(-1)?.dataSource ?? null, // the newest year's
        });
      }
    }
    const at = formatDateTime(new Date());
    return {
      fileName: T.fileName(plan.title),
      type: XLSX_TYPE,
      write: async (out: Writable) => {
        const wb = workbookWriter(out);
        const { headerFooter, ...pageSetup } = printSetup("2:2", zhExcel.schedule.footer);
        const ws = wb.addWorksheet(T.sheet, { views: [{ state: "frozen", xSplit: 3, ySplit: 2 }], pageSetup, headerFooter });
        writeTable(ws, plan.title, years, rows, [REGION_SCOPE, ...units.map((u) => u.name)]);
        const notes = wb.addWorksheet(T.notesSheet);
        notes.columns = [{ width: 110 }];
        [...T.notes, "", T.subtitle(at)].forEach((line, i) => (notes.getCell(i + 1, 1).value = line));
        notes.getCell("A1").font = { ...FONT, size: 12, bold: true };
        notes.commit();
        const lists = wb.addWorksheet(T.listsSheet, { state: "hidden" });
        lists.getCell("A1").value = H.scope;
        [REGION_SCOPE, ...units.map((u) => u.name)].forEach((name, i) => (lists.getCell(i + 2, 1).value = textCell(name)));
        lists.commit();
        await wb.commit();
      },
    };
  },
});

type Row = {
  id: number;
  category: string | null;
  name: string;
  measure: string | null;
  attribute: string | null;
  scope: string | null;
  baseline: string | null;
  target: string | null;
  values: (string | null)[];
  dataSource: string | null;
};
type Sheet = ReturnType<ReturnType<typeof workbookWriter>["addWorksheet"]>;
type Validations = { add(range: string, validation: ExcelJS.DataValidation): void };

// A value as a number cell when the number is exactly the stored decimal, else as text.
const valueCell = (v: string | null): string | number | null => (v === null ? null : String(Number(v)) === v ? Number(v) : textCell(v));

function writeTable(ws: Sheet, title: string, years: number[], rows: Row[], scopes: string[]) {
  const header = [H.key, H.category, H.name, H.measure, H.attribute, H.scope, H.baseline, H.target, ...years.map(H.year), H.dataSource];
  const widths = [8, 10, 36, 8, 8, 10, 10, 12, ...years.map(() => 10), 18];
  ws.columns = widths.map((width) => ({ width }));
  const last = header.length;
  ws.getCell(1, 1).value = T.title(title);
  ws.getCell(1, 1).style = { font: { ...FONT, size: 14, bold: true }, alignment: { horizontal: "center", vertical: "middle" } };
  ws.mergeCells(1, 1, 1, last);
  ws.getRow(1).height = 26;
  header.forEach((h, i) => {
    const cell = ws.getCell(2, i + 1);
    cell.value = h;
    cell.style = { font: { ...FONT, bold: true }, fill: HEADER_FILL, border: BORDER, alignment: { horizontal: "center", vertical: "middle", wrapText: true } };
  });
  rows.forEach((r, i) => {
    const row = ws.getRow(i + 3);
    const cells = [
      r.id,
      textCell(r.category),
      textCell(r.name),
      textCell(r.measure),
      r.attribute,
      textCell(r.scope),
      textCell(r.baseline),
      textCell(r.target),
      ...r.values.map(valueCell),
      textCell(r.dataSource),
    ];
    cells.forEach((value, j) => {
      const cell = row.getCell(j + 1);
      cell.value = value;
      cell.style = {
        font: FONT,
        border: BORDER,
        alignment: { vertical: "middle", wrapText: j === 2, horizontal: j >= 8 && j < 8 + years.length ? "right" : undefined },
      };
    });
    const height = wrappedHeight([[r.name, widths[2]]]);
    if (height) row.height = height;
    row.commit();
  });
  // 范围: the region or one of the plan's active units.
  const validations = (ws as unknown as { dataValidations: Validations }).dataValidations;
  validations.add(`F3:F${rows.length + SPARE_ROWS + 2}`, {
    type: "list",
    allowBlank: true,
    formulae: [`'${T.listsSheet}'!$A$2:$A$${scopes.length + 1}`],
    showErrorMessage: true,
    errorStyle: "stop",
    error: T.validation.scope,
  });
  ws.commit();
}
