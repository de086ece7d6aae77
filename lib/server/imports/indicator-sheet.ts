import { unneutralise } from "@/lib/excel/neutralise";
import { AppError } from "@/lib/errors";
import { zhIndicatorImport } from "@/lib/i18n/zh-CN-indicator-import";
import type { RawCell, RawSheet } from "./read-file";

// The layout "indicatorValues": a sheet of 主要指标 monitoring values, one row per indicator and
// scope, one column per year (the template of lib/server/exports/export-indicators.ts). Columns by
// header name: 指标编号 and/or 指标 (as printed, or the name without its unit), optionally 范围 (a
// reporting unit of the plan; blank or 全域 = the plan's region), "2024年" per year and 数据来源 (one
// per row, required). The template's descriptive columns (领域, 计量单位, 属性, 基期, 目标) are read
// past. Rows without any value are skipped (the template's rows left blank, notes below the table).
export type IndicatorCell = { year: number; column: string; raw: RawCell };
export type IndicatorSheetRow = {
  sheet: string;
  row: number;
  key: string | undefined; // 指标编号 as written ("" = blank); undefined = no such column
  name: string | undefined;
  scope: string | undefined;
  dataSource: string;
  cells: IndicatorCell[]; // the non-blank year cells
  columns: { key?: string; name?: string; scope?: string; dataSource: string };
};
export type IndicatorSheets = { rows: IndicatorSheetRow[]; unknownHeaders: string[]; skippedSheets: string[] };

type Column = "key" | "name" | "scope" | "dataSource" | "described";
const HEADERS: Record<string, Column> = {};
const add = (column: Column, names: string[]) => names.forEach((n) => (HEADERS[n] = column));
add("key", ["指标编号"]);
add("name", ["指标", "指标名称", "主要指标"]);
add("scope", ["范围", "统计范围", "填报单位", "单位/范围", "单位"]);
add("dataSource", ["数据来源"]);
add("described", ["序号", "领域", "类别", "计量单位", "属性", "指标属性", "基期", "基期值", "目标", "目标值", "备注", "说明"]);

const E = zhIndicatorImport.errors;
const norm = (s: string) => s.replace(/[\s\u3000]/g, "");
const text = (c: RawCell | undefined): string => (c === null || c === undefined ? "" : unneutralise(String(c).trim()));
const YEAR_HEADER = /^(\d{4})年?(?:度)?(?:数值|值)?$/;
// Placeholders for "no data" that spreadsheets carry: read as a blank cell.
const BLANK = new Set(["", "—", "——", "-", "－", "/", "／"]);

// Where an indicator sheet's header is (among the first 20 rows), or -1.
export function indicatorHeaderRow(sheet: RawSheet): number {
  return sheet.rows.slice(0, 20).findIndex((r) => r.cells.some((c) => typeof c === "string" && (HEADERS[norm(c)] === "key" || HEADERS[norm(c)] === "name")));
}

export function interpretIndicatorSheets(sheets: RawSheet[]): IndicatorSheets {
  const out: IndicatorSheets = { rows: [], unknownHeaders: [], skippedSheets: [] };
  for (const sheet of sheets) {
    const headerIdx = indicatorHeaderRow(sheet);
    if (headerIdx < 0) {
      out.skippedSheets.push(sheet.name);
      continue;
    }
    const columns: Partial<Record<Exclude<Column, "described">, number>> = {};
    const columnText: Partial<Record<Exclude<Column, "described">, string>> = {};
    const years: { index: number; year: number; column: string }[] = [];
    sheet.rows[headerIdx].cells.forEach((cell, i) => {
      const h = text(cell);
      if (!h) return;
      const n = norm(h);
      const year = n.match(YEAR_HEADER);
      if (year || typeof cell === "number") {
        const y = Number(year ? year[1] : cell);
        if (!Number.isInteger(y) || y < 2000 || y > 2100) throw new AppError("BAD_FILE", E.badYearHeader(h));
        if (years.some((c) => c.year === y)) throw new AppError("BAD_FILE", E.duplicateHeader(h));
        years.push({ index: i, year: y, column: h });
        return;
      }
      const column = HEADERS[n];
      if (column === undefined) {
        if (!out.unknownHeaders.includes(h)) out.unknownHeaders.push(h);
      } else if (column !== "described") {
        if (columns[column] !== undefined) throw new AppError("BAD_FILE", E.duplicateHeader(h));
        columns[column] = i;
        columnText[column] = h;
      }
    });
    if (years.length === 0) throw new AppError("BAD_FILE", E.noYears);
    if (columns.dataSource === undefined) throw new AppError("BAD_FILE", E.noDataSource);

    for (const r of sheet.rows.slice(headerIdx + 1)) {
      const cells = years.map((y) => ({ year: y.year, column: y.column, raw: r.cells[y.index] ?? null })).filter((c) => !BLANK.has(text(c.raw)));
      if (cells.length === 0) continue;
      const at = (c: keyof typeof columns) => (columns[c] === undefined ? undefined : text(r.cells[columns[c]!]));
      out.rows.push({
        sheet: sheet.name,
        row: r.number,
        key: at("key"),
        name: at("name"),
        scope: at("scope"),
        dataSource: at("dataSource") ?? "",
        cells,
        columns: { key: columnText.key, name: columnText.name, scope: columnText.scope, dataSource: columnText.dataSource! },
      });
    }
  }
  return out;
}
