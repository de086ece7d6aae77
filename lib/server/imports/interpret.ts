import { parseCategory } from "@/lib/excel/appendix-rules.mjs";
import { unneutralise } from "@/lib/excel/neutralise";
import { AppError } from "@/lib/errors";
import { zhExcel } from "@/lib/i18n/zh-CN-excel";
import { zhIndicatorImport } from "@/lib/i18n/zh-CN-indicator-import";
import type { MoneyUnit } from "@/lib/money";
import { indicatorHeaderRow, interpretIndicatorSheets, type IndicatorSheetRow } from "./indicator-sheet";
import type { RawCell, RawSheet } from "./read-file";

// Turns the rows of an uploaded file into project rows, matching headers by name (not position).
// Two layouts:
//  - appendix: the plan's own table (单位 / 项目类别 / 项目名称 / 建设周期 / 总投资（亿元）); a blank
//    单位 or 项目类别 cell repeats the one above (merged cells), a new 单位 starts without a category;
//  - annualPlan: a 年度投资计划 sheet (项目编号 or 单位 + 项目名称, 年度, 年度计划投资（万元|亿元）);
//  - own: this app's exports, recognised by the 项目编号 column: the 调度表 (unit from the sheet's
//    "单位：…" line, category from its 一、二、… rows, total rows skipped) and the project-list CSV;
//  - indicatorValues: 主要指标 monitoring values, indicators × years (indicator-sheet.ts), recognised
//    by its 指标 / 指标编号 column; a workbook is either that or project sheets, never both.
export type Field = "key" | "seq" | "unit" | "category" | "name" | "owner" | "period" | "total" | "year" | "annual";

const HEADERS: Record<string, Field | "ignored"> = {};
const add = (field: Field | "ignored", names: string[]) => names.forEach((n) => (HEADERS[n] = field));
add("key", ["项目编号", "编号", "项目代码"]);
add("seq", ["序号"]);
add("unit", ["单位", "填报单位", "所属单位", "县市区", "县（市、区）"]);
add("category", ["项目类别", "类别", "专栏/类别", "专栏类别", "项目分类"]);
add("name", ["项目名称"]);
add("owner", ["建设单位", "业主单位", "项目单位"]);
add("period", ["建设周期", "建设起止年限", "建设年限", "起止年限", "建设期限"]);
add("total", ["总投资", "计划总投资", "项目总投资"]);
// A 年度投资计划 sheet (年度 + 年度计划投资 columns) sets the annual plans it lists (下达); without a 年度
// column the 年度计划投资 column (e.g. of the 调度表) is progress data and not imported.
add("year", ["年度", "年份", "计划年度"]);
add("annual", ["年度计划投资", "年度投资计划", "年度计划"]);
// Known columns this import does not write: progress figures come from progress reports.
add("ignored", [
  "投资完成情况",
  "本期完成",
  "本年累计完成",
  "累计完成",
  "完成率",
  "形象进度",
  "存在问题",
  "下步计划",
  "状态",
  "规划",
  "类型",
  "上级项目编号",
  "上级项目",
  "项目个数",
  "本年资金到位",
  "备注",
]);

const normHeader = (s: string) => s.replace(/[\s\u3000]/g, "");

export function headerField(text: string): { field: Field | "ignored" | null; money: MoneyUnit | null } {
  const t = normHeader(text);
  const m = t.match(/^(.*?)[（(](万元|亿元|%|％)[)）]$/);
  const base = m ? m[1] : t;
  const money = m?.[2] === "亿元" ? "yi" : m?.[2] === "万元" ? "wan" : null;
  return { field: HEADERS[base] ?? null, money };
}

export type ImportRow = {
  sheet: string;
  row: number;
  // raw text of each field present in the file ("" = blank cell); unit and category after the
  // layout's rules (repeat-above, sheet title, group rows); undefined = the file does not say
  values: Partial<Record<Field, string>>;
  total: RawCell; // the 总投资 cell as read (a number stays a number)
  annual?: RawCell; // the 年度计划投资 cell (annualPlan layout)
  columns: Partial<Record<Field, string>>; // header text per field, for the reasons
  source: string; // the row's cells, for the project's provenance
};

export type Interpreted = {
  layout: "appendix" | "own" | "annualPlan" | "indicatorValues";
  moneyUnit: MoneyUnit | null;
  rows: ImportRow[];
  unknownHeaders: string[];
  ignoredHeaders: string[];
  skippedSheets: string[];
  indicatorRows?: IndicatorSheetRow[]; // layout indicatorValues
};

const E = zhExcel.importErrors;
const text = (c: RawCell | undefined): string => (c === null || c === undefined ? "" : unneutralise(String(c).trim()));
const GROUP_SEQ = /^[一二三四五六七八九十]+$/;
const TOTAL_LABELS = new Set(["合计", "总计", "小计", "汇总"]);

const projectHeaderRow = (sheet: RawSheet) =>
  sheet.rows.slice(0, 20).findIndex((r) => r.cells.some((c) => typeof c === "string" && headerField(c).field === "name"));

export function interpret(sheets: RawSheet[]): Interpreted {
  if (sheets.some((s) => indicatorHeaderRow(s) >= 0)) {
    if (sheets.some((s) => indicatorHeaderRow(s) < 0 && projectHeaderRow(s) >= 0)) throw new AppError("BAD_FILE", zhIndicatorImport.errors.mixed);
    const ind = interpretIndicatorSheets(sheets);
    return {
      layout: "indicatorValues",
      moneyUnit: null,
      rows: [],
      unknownHeaders: ind.unknownHeaders,
      ignoredHeaders: [],
      skippedSheets: ind.skippedSheets,
      indicatorRows: ind.rows,
    };
  }
  const out: Interpreted = { layout: "appendix", moneyUnit: null, rows: [], unknownHeaders: [], ignoredHeaders: [], skippedSheets: [] };
  let found = false;
  for (const sheet of sheets) {
    const headerIdx = projectHeaderRow(sheet);
    if (headerIdx < 0) {
      out.skippedSheets.push(sheet.name);
      continue;
    }
    found = true;
    const top = sheet.rows[headerIdx].cells;
    const next = sheet.rows[headerIdx + 1];
    const nextKnown = next?.cells.filter((c) => c !== null && String(c).trim() !== "") ?? [];
    const twoLevel =
      !!next &&
      next.number === sheet.rows[headerIdx].number + 1 &&
      nextKnown.length > 0 &&
      nextKnown.every((c) => typeof c === "string" && headerField(c).field !== null);
    const width = Math.max(top.length, twoLevel ? next.cells.length : 0);
    const columns: Partial<Record<Field, number>> = {};
    const columnText: Partial<Record<Field, string>> = {};
    let money: MoneyUnit | null = null;
    for (let i = 0; i < width; i++) {
      const h = text((twoLevel ? next.cells[i] : null) ?? null) || text(top[i]);
      if (!h) continue;
      const { field, money: m } = headerField(h);
      if (field === null) {
        if (!out.unknownHeaders.includes(h)) out.unknownHeaders.push(h);
      } else if (field === "ignored") {
        if (!out.ignoredHeaders.includes(h)) out.ignoredHeaders.push(h);
      } else {
        if (columns[field] !== undefined) throw new AppError("BAD_FILE", E.duplicateHeader(h));
        columns[field] = i;
        columnText[field] = h;
        if (field === "total" || field === "annual") money = m ?? money;
      }
    }
    if (columns.annual !== undefined && columns.year === undefined) {
      if (!out.ignoredHeaders.includes(columnText.annual!)) out.ignoredHeaders.push(columnText.annual!);
      delete columns.annual;
    }
    const annualSheet = columns.annual !== undefined;
    if (annualSheet && columns.total !== undefined) throw new AppError("BAD_FILE", E.annualWithTotal);
    // Title lines above the header: "单位：平江县", "金额单位：万元"
    const title = sheet.rows
      .slice(0, headerIdx)
      .flatMap((r) => r.cells.map(text))
      .join(" ");
    const titleMoney = title.match(/金额单位[:：]\s*(万元|亿元)/)?.[1];
    const titleUnit = title.match(/(?:^|[^额])单位[:：]\s*([^\s　]+)/)?.[1];
    if (columns.total !== undefined || annualSheet) {
      money ??= titleMoney === "亿元" ? "yi" : titleMoney === "万元" ? "wan" : null;
      if (!money) throw new AppError("BAD_FILE", annualSheet ? E.noAnnualMoneyUnit : E.noMoneyUnit);
      if (out.moneyUnit && out.moneyUnit !== money) throw new AppError("BAD_FILE", E.noMoneyUnit);
      out.moneyUnit = money;
    }
    const own = columns.key !== undefined || annualSheet;
    if (own) out.layout = annualSheet ? "annualPlan" : "own";
    // No 单位 column: the sheet's "单位：…" line names it (the 调度表 has one sheet per unit).
    const sheetUnit = columns.unit === undefined && titleUnit ? titleUnit : undefined;
    if (sheetUnit !== undefined) columnText.unit = "单位";

    let curUnit: string | undefined;
    let curCategory: string | undefined;
    for (const r of sheet.rows.slice(headerIdx + (twoLevel ? 2 : 1))) {
      const cell = (f: Field) => (columns[f] === undefined ? undefined : text(r.cells[columns[f]!]));
      const name = cell("name") ?? "";
      const seq = cell("seq") ?? "";
      if (TOTAL_LABELS.has(name) || TOTAL_LABELS.has(seq) || /小计$/.test(name)) continue;
      // No 项目类别 column: the 调度表's category rows (一、二、…) head the projects below them.
      if (columns.category === undefined && GROUP_SEQ.test(seq)) {
        curCategory = name;
        columnText.category = "项目类别";
        continue;
      }
      const values: Partial<Record<Field, string>> = {};
      for (const f of ["key", "name", "owner", "period", "total", "year", "annual"] as Field[]) {
        const v = cell(f);
        if (v !== undefined) values[f] = v;
      }
      if (sheetUnit !== undefined) values.unit = sheetUnit;
      if (columns.category === undefined && curCategory !== undefined) values.category = curCategory;
      if (own) {
        if (columns.unit !== undefined) values.unit = cell("unit");
        if (columns.category !== undefined) values.category = cell("category");
      } else {
        const u = cell("unit");
        if (u) {
          if (u !== curUnit) curCategory = undefined;
          curUnit = u;
        }
        const c = cell("category");
        if (c) curCategory = parseCategory(c).title;
        if (columns.unit !== undefined) values.unit = curUnit ?? "";
        if (columns.category !== undefined) values.category = curCategory ?? "";
      }
      out.rows.push({
        sheet: sheet.name,
        row: r.number,
        values,
        total: columns.total === undefined ? null : (r.cells[columns.total] ?? null),
        ...(annualSheet && { annual: r.cells[columns.annual!] ?? null }),
        columns: columnText,
        source: r.cells.map(text).filter(Boolean).join(" ").slice(0, 2000),
      });
    }
  }
  if (!found) throw new AppError("BAD_FILE", E.noHeader);
  return out;
}
