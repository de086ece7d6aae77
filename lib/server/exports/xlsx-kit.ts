import "server-only";
import type { Writable } from "node:stream";
import { Decimal } from "decimal.js";
import ExcelJS from "exceljs";
import { neutralise } from "@/lib/excel/neutralise";
import { inUnit, type MoneyUnit } from "@/lib/money";

// Shared pieces of the streamed .xlsx exports: the writer, cell values, styles and print setup.
export type Sheet = ExcelJS.Worksheet;

export function workbookWriter(out: Writable) {
  return new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
}

// Amounts are exact decimal strings in 万元 until here; an .xlsx number cell is a double, so this is
// the one place a money value becomes a JS number. Unknown stays an empty cell, never 0.
export function moneyCell(wan: string | null, unit: MoneyUnit): number | null {
  return wan === null ? null : Number(inUnit(new Decimal(wan), unit)!.toFixed());
}

export function rateCell(rate: Decimal | null): number | null {
  return rate === null ? null : Number(rate.toDecimalPlaces(6).toFixed());
}

export function textCell(text: string | null | undefined): string | null {
  return text === null || text === undefined || text === "" ? null : neutralise(text);
}

export const moneyFormat = (unit: MoneyUnit) => (unit === "yi" ? "#,##0.0000" : "#,##0.00");
export const RATE_FORMAT = "0.0%";

const thin = { style: "thin" as const, color: { argb: "FF808080" } };
export const BORDER: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };
export const FONT = { name: "宋体", size: 10 };
export const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFD9E1F2" } };
export const TOTAL_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFF2CC" } };
export const GROUP_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFF2F2F2" } };

// A4 landscape, fit to one page wide, header rows repeated on every page, page numbers in the footer.
export function printSetup(headerRows: string, footer: string): Partial<ExcelJS.PageSetup> & { headerFooter: Partial<ExcelJS.HeaderFooter> } {
  return {
    paperSize: 9 as ExcelJS.PaperSize,
    orientation: "landscape",
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    printTitlesRow: headerRows,
    margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.3, footer: 0.3 },
    headerFooter: { oddFooter: `&C${footer}` },
  };
}

// Excel sheet names: at most 31 characters, none of []:*?/\ and unique in the workbook.
export function sheetNamer() {
  const used = new Set<string>();
  return (name: string) => {
    const base = name.replace(/[[\]:*?/\\]/g, "_").slice(0, 31) || "Sheet";
    let n = base;
    for (let i = 2; used.has(n); i++) n = `${base.slice(0, 28)}(${i})`;
    used.add(n);
    return n;
  };
}

// Lets the zip stream drain between batches of rows, so the file is never held whole in memory.
export const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

// RFC 6266 / 5987 attachment header with a Chinese file name.
export function attachment(fileName: string) {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

// Row height for wrapped text: spreadsheet applications do not all grow rows to fit on opening, so
// the height is estimated from the longest cell (CJK characters count double width).
export function wrappedHeight(cells: [text: string | null, width: number][], lineHeight = 13.5): number | undefined {
  let lines = 1;
  for (const [text, width] of cells) {
    if (!text) continue;
    let w = 0;
    for (const ch of text) w += ch.charCodeAt(0) > 0x2e80 ? 2 : 1;
    lines = Math.max(lines, Math.ceil((w * 1.05) / Math.max(1, width - 1)));
  }
  return lines > 1 ? lines * lineHeight + 3 : undefined;
}
