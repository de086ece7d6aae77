import "server-only";
import type { Writable } from "node:stream";
import type ExcelJS from "exceljs";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { zhExcel } from "@/lib/i18n/zh-CN-excel";
import { zhPlans } from "@/lib/i18n/zh-CN-plans";
import { templateExportSchema } from "@/lib/schemas/plan-template";
import { sectionName } from "@/lib/sections";
import { operation } from "@/lib/server/operation";
import { XLSX_TYPE, type FileJob } from "./file-response";
import { BORDER, FONT, HEADER_FILL, printSetup, textCell, workbookWriter } from "./xlsx-kit";

// A blank project list in the appendix layout the import reads (lib/server/imports/interpret.ts):
// a title line, the header 单位 / 项目类别 / 项目名称 / 建设周期 / 总投资（亿元）, and with a plan its
// active units and its categories as pick lists (kept on a hidden sheet: Excel caps a typed list at
// 255 characters). A 说明 sheet says how to fill it in. Filled in, it imports as it is.
const T = zhPlans.template;
export const TEMPLATE_HEADER = ["单位", "项目类别", "项目名称", "建设周期", "总投资（亿元）"];
const DATA_ROWS = 2000; // rows 3 … 2002 carry the pick lists

export const prepareTemplateExport = operation({
  permission: "export.run",
  input: templateExportSchema,
  async run(_actor, v): Promise<FileJob> {
    const plan = v.plan === undefined ? null : await db.plan.findUnique({ where: { id: v.plan }, select: { id: true, title: true } });
    if (v.plan !== undefined && !plan) throw new AppError("NOT_FOUND", zhPlans.errors.planNotFound);
    const [units, sections] = plan
      ? await Promise.all([
          db.reportingUnit.findMany({ where: { planId: plan.id, retiredAt: null }, orderBy: [{ sortOrder: "asc" }, { id: "asc" }], select: { name: true } }),
          db.section.findMany({ where: { planId: plan.id }, orderBy: [{ sortOrder: "asc" }, { id: "asc" }], select: { number: true, title: true } }),
        ])
      : [[], []];
    const lists = { unit: units.map((u) => u.name), category: sections.map(sectionName) };
    return {
      fileName: T.fileName(plan?.title ?? null),
      type: XLSX_TYPE,
      write: async (out: Writable) => {
        const wb = workbookWriter(out);
        // Printed like the other sheets: A4 landscape, fit to width, header row repeated.
        const { headerFooter, ...pageSetup } = printSetup("2:2", zhExcel.schedule.footer);
        writeTable(wb.addWorksheet(T.sheet, { views: [{ state: "frozen", ySplit: 2 }], pageSetup, headerFooter }), plan?.title ?? null, lists);
        writeNotes(wb.addWorksheet(T.notesSheet));
        if (lists.unit.length || lists.category.length) writeLists(wb.addWorksheet(T.listsSheet, { state: "hidden" }), lists);
        await wb.commit();
      },
    };
  },
});

type Lists = { unit: string[]; category: string[] };
type Sheet = ReturnType<ReturnType<typeof workbookWriter>["addWorksheet"]>;
// The streaming sheet keeps range-wide validations (exceljs types only know the per-cell setter).
type Validations = { add(range: string, validation: ExcelJS.DataValidation): void };

function writeTable(ws: Sheet, plan: string | null, lists: Lists) {
  ws.columns = [{ width: 16 }, { width: 18 }, { width: 48 }, { width: 14, style: { numFmt: "@" } }, { width: 16, style: { numFmt: "0.0000" } }];
  ws.getCell("A1").value = T.title(plan);
  ws.getCell("A1").style = { font: { ...FONT, size: 14, bold: true }, alignment: { horizontal: "center", vertical: "middle" } };
  ws.mergeCells("A1:E1");
  ws.getRow(1).height = 26;
  TEMPLATE_HEADER.forEach((h, i) => {
    const cell = ws.getCell(2, i + 1);
    cell.value = h;
    cell.style = { font: { ...FONT, bold: true }, fill: HEADER_FILL, border: BORDER, alignment: { horizontal: "center", vertical: "middle" } };
  });
  const range = (col: string) => `${col}3:${col}${DATA_ROWS + 2}`;
  const source = (col: string, n: number) => [`'${T.listsSheet}'!$${col}$2:$${col}$${n + 1}`];
  const validations = (ws as unknown as { dataValidations: Validations }).dataValidations;
  // Units must be the plan's; a category may be new (the import creates it on confirm).
  if (lists.unit.length)
    validations.add(range("A"), {
      type: "list",
      allowBlank: true,
      formulae: source("A", lists.unit.length),
      showErrorMessage: true,
      errorStyle: "stop",
      error: T.validation.unit,
    });
  if (lists.category.length) {
    validations.add(range("B"), {
      type: "list",
      allowBlank: true,
      formulae: source("B", lists.category.length),
      showErrorMessage: true,
      errorStyle: "information",
      error: T.validation.category,
    });
  }
  ws.commit();
}

function writeNotes(ws: Sheet) {
  ws.columns = [{ width: 110 }];
  T.notes.forEach((line, i) => (ws.getCell(i + 1, 1).value = line));
  ws.getCell("A1").font = { ...FONT, size: 12, bold: true };
  ws.commit();
}

function writeLists(ws: Sheet, lists: Lists) {
  ws.getCell("A1").value = TEMPLATE_HEADER[0];
  ws.getCell("B1").value = TEMPLATE_HEADER[1];
  lists.unit.forEach((name, i) => (ws.getCell(i + 2, 1).value = textCell(name)));
  lists.category.forEach((name, i) => (ws.getCell(i + 2, 2).value = textCell(name)));
  ws.commit();
}
