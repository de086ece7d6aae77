import "server-only";
import type { Writable } from "node:stream";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { zhExcel } from "@/lib/i18n/zh-CN-excel";
import { UNIT_LABEL, type MoneyUnit } from "@/lib/money";
import { rollupExportSchema } from "@/lib/schemas/export";
import { operation } from "@/lib/server/operation";
import type { Counts } from "@/lib/server/rollups/counting";
import { planRollup, planTotals, type RollupRow } from "@/lib/server/rollups/plan-rollup";
import { XLSX_TYPE, type FileJob } from "./file-response";
import { BORDER, FONT, HEADER_FILL, moneyCell, moneyFormat, printSetup, textCell, TOTAL_FILL, workbookWriter, type Sheet } from "./xlsx-kit";

// The plan page's rollup tables (by unit, by 专栏/类别) as a workbook, figures from plan-rollup.ts.
// By unit includes 未分配单位, so on both sheets the rows add up to 合计 in every column.
const T = zhExcel.rollup;

export const prepareRollupExport = operation({
  permission: "export.run",
  input: rollupExportSchema,
  async run(_actor, v): Promise<FileJob> {
    const plan = await db.plan.findUnique({ where: { id: v.plan }, select: { id: true, title: true } });
    if (!plan) throw new AppError("NOT_FOUND", "找不到该规划。");
    const [byUnit, bySection, totals] = await Promise.all([planRollup(plan.id, "unit"), planRollup(plan.id, "section"), planTotals(plan.id)]);
    return {
      fileName: `${plan.title}-投资汇总表.xlsx`,
      type: XLSX_TYPE,
      write: async (out: Writable) => {
        const wb = workbookWriter(out);
        const sheets: [string, string, RollupRow[]][] = [
          [T.byUnit, T.unit, byUnit],
          [T.bySection, T.section, bySection],
        ];
        for (const [name, label, rows] of sheets) {
          if (name === T.byUnit && !rows.some((r) => r.id !== null)) continue; // a plan without units
          const { headerFooter, ...pageSetup } = printSetup("3:3", zhExcel.schedule.footer);
          const ws = wb.addWorksheet(name, { views: [{ state: "frozen", ySplit: 3 }], pageSetup: { ...pageSetup, orientation: "portrait" }, headerFooter });
          writeRollup(ws, plan.title, label, rows, totals, v.money);
          ws.commit();
        }
        await wb.commit();
      },
    };
  },
});

function writeRollup(ws: Sheet, title: string, label: string, rows: RollupRow[], totals: Counts, money: MoneyUnit) {
  ws.columns = [{ width: 6 }, { width: 36 }, { width: 12 }, { width: 12 }, { width: 16 }, { width: 14 }, { width: 14 }];
  const t = ws.getCell("A1");
  t.value = T.title(title);
  t.style = { font: { ...FONT, size: 14, bold: true }, alignment: { horizontal: "center", vertical: "middle" } };
  ws.mergeCells("A1:G1");
  ws.getRow(1).height = 26;
  ws.getCell("A2").value = `金额单位：${UNIT_LABEL[money]}　　${T.note}`;
  ws.getCell("A2").style = { font: FONT, alignment: { wrapText: true, vertical: "middle" } };
  ws.getRow(2).height = 30;
  ws.mergeCells("A2:G2");
  // 子项目数 last: the first six columns keep their place for readers of earlier files.
  const header = ["序号", label, T.projects, T.programmes, T.total, T.unknown, T.subProjects];
  header.forEach(
    (h, i) =>
      (ws.getCell(3, i + 1).style = {
        font: { ...FONT, bold: true },
        fill: HEADER_FILL,
        border: BORDER,
        alignment: { horizontal: "center", vertical: "middle", wrapText: true },
      }),
  );
  header.forEach((h, i) => (ws.getCell(3, i + 1).value = h));
  ws.getRow(3).height = 32;
  for (const r of [1, 2, 3]) ws.getRow(r).commit();
  const line = (seq: number | null, name: string, r: Counts, bold: boolean) => {
    const row = ws.addRow([seq, textCell(name), r.projectCount, r.programmeCount, moneyCell(r.totalWan, money), r.unknownCount, r.subProjectCount]);
    for (let c = 1; c <= 7; c++) {
      row.getCell(c).style = {
        font: { ...FONT, bold },
        border: BORDER,
        ...(bold && { fill: TOTAL_FILL }),
        ...(c === 5 && { numFmt: moneyFormat(money) }),
        alignment: { vertical: "middle", horizontal: c === 2 ? "left" : c === 1 ? "center" : "right" },
      };
    }
    row.commit();
    return row.number;
  };
  line(null, T.grandTotal, totals, true);
  let last = 4;
  rows.forEach((r, i) => (last = line(r.id === null ? null : i + 1, r.name, r, false)));
  ws.pageSetup.printArea = `A$1:G$${last}`;
}
