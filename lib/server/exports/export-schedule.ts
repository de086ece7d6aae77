import "server-only";
import { sectionName as nameOfSection } from "@/lib/sections";
import type { Writable } from "node:stream";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { zh } from "@/lib/i18n/zh-CN";
import { zhExcel } from "@/lib/i18n/zh-CN-excel";
import { UNIT_LABEL, type MoneyUnit } from "@/lib/money";
import { isPeriod, periodLabel } from "@/lib/periods";
import { scheduleExportSchema } from "@/lib/schemas/export";
import { operation } from "@/lib/server/operation";
import { completionRate, EMPTY_TOTALS, figureTotals, unitSectionKey, type FigureTotals, type FigureTotalsResult } from "@/lib/server/rollups/figure-totals";
import { projectFigures, type FiguresQuery, type ProjectFigures } from "@/lib/server/rollups/project-figures";
import { XLSX_TYPE, type FileJob } from "./file-response";
import {
  BORDER,
  breathe,
  FONT,
  GROUP_FILL,
  HEADER_FILL,
  moneyCell,
  moneyFormat,
  printSetup,
  RATE_FORMAT,
  rateCell,
  sheetNamer,
  textCell,
  TOTAL_FILL,
  workbookWriter,
  wrappedHeight,
  type Sheet,
} from "./xlsx-kit";

// 项目进度调度表 for one plan and period: one unit → one sheet; the whole plan → a summary sheet
// plus one sheet per unit. Every figure comes from lib/server/rollups (per-project figures and
// their SQL group totals); this module only lays them out. Written as a stream: rows leave for the
// zip as they are written.
const C = zhExcel.schedule.columns;

// Columns of a unit sheet (A–O). 项目编号 (O) is what a re-import matches rows by; it is outside the print area.
const COLUMNS = [
  { key: "seq", header: C.seq, width: 6 },
  { key: "name", header: C.name, width: 38 },
  { key: "owner", header: C.owner, width: 16 },
  { key: "period", header: C.period, width: 11 },
  { key: "total", header: C.total, width: 12 },
  { key: "annualPlan", header: C.annualPlan, width: 12 },
  { key: "periodDone", header: C.periodDone, width: 11, group: C.done },
  { key: "ytd", header: C.ytd, width: 12, group: C.done },
  { key: "cumulative", header: C.cumulative, width: 12, group: C.done },
  { key: "rate", header: C.rate, width: 9, group: C.done },
  { key: "progress", header: C.progress, width: 24 },
  { key: "problems", header: C.problems, width: 22 },
  { key: "nextSteps", header: C.nextSteps, width: 22 },
  { key: "status", header: C.status, width: 7 },
  { key: "key", header: C.key, width: 14 },
] as const;
const LAST_PRINTED = "N";
const MONEY_COLS = [5, 6, 7, 8, 9];
const RATE_COL = 10;

const SUMMARY_COLUMNS = [
  { header: C.seq, width: 6 },
  { header: C.unit, width: 30 },
  { header: C.count, width: 9 },
  { header: C.total, width: 14 },
  { header: C.annualPlan, width: 14 },
  { header: C.periodDone, width: 13, group: C.done },
  { header: C.ytd, width: 13, group: C.done },
  { header: C.cumulative, width: 13, group: C.done },
  { header: C.rate, width: 9, group: C.done },
];

// A file job (lib/server/exports/file-response.ts) that also says how many projects it counts.
export type ScheduleExport = FileJob & { projectCount: number };

export const prepareScheduleExport = operation({
  permission: "export.run",
  input: scheduleExportSchema,
  async run(_actor, v): Promise<ScheduleExport> {
    const plan = await db.plan.findUnique({ where: { id: v.plan }, select: { id: true, title: true, reportingCycle: true } });
    if (!plan) throw new AppError("NOT_FOUND", "找不到该规划。");
    if (!isPeriod(v.period, plan.reportingCycle)) {
      throw new AppError("VALIDATION", zhExcel.export.badPeriod, {
        period: [plan.reportingCycle === "MONTHLY" ? "本规划按月填报，报告期应为 2025-03 格式" : "本规划按季度填报，报告期应为 2025-Q1 格式"],
      });
    }
    const unit = v.unit ? await db.reportingUnit.findFirst({ where: { id: v.unit, planId: plan.id }, select: { id: true, name: true } }) : null;
    if (v.unit && !unit) throw new AppError("NOT_FOUND", "找不到该单位。");
    const q: FiguresQuery = { planId: plan.id, period: v.period, unitId: unit?.id, includeSubmitted: v.includeSubmitted };
    const totals = await figureTotals(q);
    const fileName = `${plan.title}-调度表-${unit?.name ?? zhExcel.schedule.allUnits}-${v.period}.xlsx`;
    return {
      fileName,
      type: XLSX_TYPE,
      projectCount: totals.grand.projectCount,
      headers: { "X-Project-Count": String(totals.grand.projectCount) },
      write: (out) => writeSchedule(out, { plan, unit, q, totals, money: v.money }),
    };
  },
});

type Ctx = {
  plan: { id: number; title: string };
  unit: { id: number; name: string } | null;
  q: FiguresQuery;
  totals: FigureTotalsResult;
  money: MoneyUnit;
};

async function writeSchedule(out: Writable, ctx: Ctx) {
  const [figures, units, sections, keys] = await Promise.all([
    projectFigures(ctx.q),
    ctx.unit
      ? Promise.resolve([ctx.unit])
      : db.reportingUnit.findMany({ where: { planId: ctx.plan.id }, orderBy: [{ sortOrder: "asc" }, { id: "asc" }], select: { id: true, name: true } }),
    db.section.findMany({ where: { planId: ctx.plan.id }, orderBy: [{ sortOrder: "asc" }, { id: "asc" }], select: { id: true, number: true, title: true } }),
    db.project.findMany({ where: { planId: ctx.plan.id, ...(ctx.unit && { unitId: ctx.unit.id }) }, select: { id: true, key: true } }),
  ]);
  const keyOf = new Map(keys.map((k) => [k.id, k.key]));
  const photos = await photoCounts(ctx);
  const sectionName = new Map(sections.map((s) => [s.id, nameOfSection(s)]));
  const byUnit = new Map<number | null, ProjectFigures[]>();
  for (const f of figures) {
    const list = byUnit.get(f.unitId) ?? [];
    list.push(f);
    byUnit.set(f.unitId, list);
  }
  const wb = workbookWriter(out);
  const name = sheetNamer();
  const period = periodLabel(ctx.q.period);
  const unapproved = !!ctx.q.includeSubmitted;
  const sheetUnits: { id: number | null; name: string }[] = [...units];
  if (!ctx.unit && byUnit.has(null)) sheetUnits.push({ id: null, name: zhExcel.schedule.noUnit });

  // Every title line says how many projects the sheet counts (counting.ts: lines; sub-projects apart).
  const subtitle = (unitName: string, t: FigureTotals) =>
    `${zhExcel.schedule.subtitle(unitName, period, UNIT_LABEL[ctx.money], unapproved)}　　${zhExcel.schedule.counted(t.projectCount, t.subProjectCount)}`;
  if (!ctx.unit) {
    const ws = wb.addWorksheet(name(zhExcel.schedule.summarySheet), sheetOptions(2));
    writeSummary(ws, ctx, sheetUnits, sections, sectionName, subtitle(zhExcel.schedule.allUnits, ctx.totals.grand));
    ws.commit();
  }
  for (const u of sheetUnits) {
    const ws = wb.addWorksheet(name(u.name), sheetOptions(2));
    await writeUnitSheet(ws, ctx, byUnit.get(u.id) ?? [], u, sectionName, keyOf, subtitle(u.name, ctx.totals.byUnit.get(u.id) ?? EMPTY_TOTALS), photos);
    ws.commit();
  }
  await wb.commit();
}

// Photos (形象进度) attached to the period's reports behind the figures shown: approved revisions, and
// submitted ones in the 含已提交 view (a correction's photos join the approved revision's).
async function photoCounts(ctx: Ctx): Promise<Map<number, number>> {
  const rows = await db.attachment.groupBy({
    by: ["projectId"],
    where: {
      kind: "PHOTO",
      deletedAt: null,
      report: {
        period: ctx.q.period,
        status: { in: ctx.q.includeSubmitted ? ["APPROVED", "SUBMITTED"] : ["APPROVED"] },
        project: { planId: ctx.plan.id, ...(ctx.unit && { unitId: ctx.unit.id }) },
      },
    },
    _count: { _all: true },
  });
  return new Map(rows.map((r) => [r.projectId, r._count._all]));
}

function sheetOptions(frozenColumns: number) {
  const { headerFooter, ...pageSetup } = printSetup("3:4", zhExcel.schedule.footer);
  return { views: [{ state: "frozen" as const, xSplit: frozenColumns, ySplit: 4 }], pageSetup, headerFooter };
}

const center = { vertical: "middle" as const, horizontal: "center" as const, wrapText: true };
const left = { vertical: "middle" as const, horizontal: "left" as const, wrapText: true };
const right = { vertical: "middle" as const, horizontal: "right" as const };

function titleRows(ws: Sheet, title: string, subtitle: string, lastCol: string) {
  const t = ws.getCell("A1");
  t.value = title;
  t.style = { font: { ...FONT, size: 16, bold: true }, alignment: center };
  ws.getRow(1).height = 30;
  ws.mergeCells(`A1:${lastCol}1`);
  const s = ws.getCell("A2");
  s.value = subtitle;
  s.style = { font: FONT, alignment: { vertical: "middle", horizontal: "left" } };
  ws.mergeCells(`A2:${lastCol}2`);
}

// Two header rows: a column without a group spans both rows; grouped columns share a merged top cell.
function headerRows(ws: Sheet, columns: readonly { header: string; group?: string }[]) {
  const style = { font: { ...FONT, bold: true }, alignment: center, fill: HEADER_FILL, border: BORDER };
  columns.forEach((c, i) => {
    const col = i + 1;
    if (c.group) {
      const top = ws.getCell(3, col);
      top.value = c.group;
      top.style = style;
      const sub = ws.getCell(4, col);
      sub.value = c.header;
      sub.style = style;
    } else {
      const cell = ws.getCell(3, col);
      cell.value = c.header;
      cell.style = style;
      ws.getCell(4, col).style = style;
      ws.mergeCells(3, col, 4, col);
    }
  });
  // merge each run of columns sharing a group
  for (let i = 0; i < columns.length;) {
    const g = columns[i].group;
    let j = i;
    while (g && j + 1 < columns.length && columns[j + 1].group === g) j++;
    if (g && j > i) ws.mergeCells(3, i + 1, 3, j + 1);
    i = j + 1;
  }
  ws.getRow(3).height = 20;
  ws.getRow(4).height = 20;
  for (const r of [1, 2, 3, 4]) ws.getRow(r).commit();
}

function styles(money: MoneyUnit, fill?: typeof TOTAL_FILL, bold = false) {
  const font = { ...FONT, bold };
  const base = { font, border: BORDER, ...(fill && { fill }) };
  return {
    center: { ...base, alignment: center },
    left: { ...base, alignment: left },
    money: { ...base, alignment: right, numFmt: moneyFormat(money) },
    rate: { ...base, alignment: right, numFmt: RATE_FORMAT },
  };
}

function figureCells(
  row: ExcelJS_Row,
  t: Pick<FigureTotals, "totalWan" | "annualPlanWan" | "periodWan" | "yearToDateWan" | "cumulativeWan">,
  money: MoneyUnit,
  first: number,
) {
  const values = [t.totalWan, t.annualPlanWan, t.periodWan, t.yearToDateWan, t.cumulativeWan];
  values.forEach((v, i) => (row.getCell(first + i).value = moneyCell(v, money)));
  row.getCell(first + 5).value = rateCell(completionRate(t.yearToDateWan, t.annualPlanWan));
}
type ExcelJS_Row = ReturnType<Sheet["getRow"]>;

function styleRow(row: ExcelJS_Row, s: ReturnType<typeof styles>, count: number, moneyCols: number[], rateCol: number, leftCols: number[]) {
  for (let c = 1; c <= count; c++) {
    row.getCell(c).style = moneyCols.includes(c) ? s.money : c === rateCol ? s.rate : leftCols.includes(c) ? s.left : s.center;
  }
}

async function writeUnitSheet(
  ws: Sheet,
  ctx: Ctx,
  rows: ProjectFigures[],
  unit: { id: number | null; name: string },
  sectionName: Map<number, string>,
  keyOf: Map<number, string>,
  subtitle: string,
  photos: Map<number, number>,
) {
  ws.columns = COLUMNS.map((c) => ({ width: c.width }));
  titleRows(ws, zhExcel.schedule.title(ctx.plan.title), subtitle, LAST_PRINTED);
  headerRows(ws, COLUMNS);
  const total = styles(ctx.money, TOTAL_FILL, true);
  const group = styles(ctx.money, GROUP_FILL, true);
  const plain = styles(ctx.money);
  const keyStyle = { font: { ...FONT, size: 8, color: { argb: "FF808080" } }, alignment: left };
  const LEFT = [2, 3, 11, 12, 13];

  // 合计: the unit's total (or the plan's, for projects without a unit)
  const unitTotals = ctx.totals.byUnit.get(unit.id) ?? EMPTY_TOTALS;
  const t = ws.addRow([]);
  t.getCell(2).value = zhExcel.schedule.unitTotal;
  figureCells(t, unitTotals, ctx.money, 5);
  styleRow(t, total, 14, MONEY_COLS, RATE_COL, LEFT);
  t.commit();

  // group by section, in the order the figures come (section order), children under their parent
  const bySection = new Map<number, ProjectFigures[]>();
  for (const r of rows) bySection.set(r.sectionId, [...(bySection.get(r.sectionId) ?? []), r]);
  let seq = 0;
  let groupNo = 0;
  let written = 0;
  let last = t.number;
  for (const [sectionId, list] of bySection) {
    const sub = ctx.totals.byUnitSection.get(unitSectionKey(unit.id, sectionId))!;
    const g = ws.addRow([]);
    g.getCell(1).value = chineseNumeral(++groupNo);
    g.getCell(2).value = textCell(sectionName.get(sectionId) ?? list[0].sectionName);
    const gh = wrappedHeight([[String(g.getCell(2).value), COLUMNS[1].width]]);
    if (gh) g.height = gh;
    figureCells(g, sub, ctx.money, 5);
    styleRow(g, group, 14, MONEY_COLS, RATE_COL, LEFT);
    g.commit();
    last = g.number;

    const ids = new Set(list.map((r) => r.id));
    const children = new Map<number, ProjectFigures[]>();
    for (const r of list) if (r.parentId !== null && ids.has(r.parentId)) children.set(r.parentId, [...(children.get(r.parentId) ?? []), r]);
    const top = list.filter((r) => r.parentId === null || !ids.has(r.parentId));
    for (const p of top) {
      last = writeProjectRow(ws, p, keyOf.get(p.id), String(++seq), false, ctx.money, plain, keyStyle, LEFT, photos.get(p.id));
      for (const [i, c] of (children.get(p.id) ?? []).entries())
        last = writeProjectRow(ws, c, keyOf.get(c.id), `（${i + 1}）`, true, ctx.money, plain, keyStyle, LEFT, photos.get(c.id));
      if (++written % 500 === 0) await breathe();
    }
  }
  ws.pageSetup.printArea = `A$1:${LAST_PRINTED}$${last}`; // absolute rows: exceljs prefixes only the columns with $
}

function writeProjectRow(
  ws: Sheet,
  p: ProjectFigures,
  key: string | undefined,
  seq: string,
  child: boolean,
  money: MoneyUnit,
  s: ReturnType<typeof styles>,
  keyStyle: object,
  leftCols: number[],
  photos = 0,
) {
  const row = ws.addRow([]);
  row.getCell(1).value = seq;
  row.getCell(2).value = textCell(p.name);
  row.getCell(3).value = textCell(p.owner);
  row.getCell(4).value = p.startYear === null && p.endYear === null ? null : `${p.startYear ?? ""}-${p.endYear ?? ""}`;
  figureCells(row, p, money, 5);
  const progress = [p.progressPercent === null ? null : `${Number(p.progressPercent)}%`, p.progressText, photos ? zhExcel.schedule.photos(photos) : null]
    .filter(Boolean)
    .join(" ");
  row.getCell(11).value = textCell(progress);
  row.getCell(12).value = textCell(p.problems);
  row.getCell(13).value = textCell(p.nextSteps);
  row.getCell(14).value = zh.status[p.status] ?? p.status;
  styleRow(row, s, 14, MONEY_COLS, RATE_COL, leftCols);
  if (child) row.getCell(2).style = { ...s.left, alignment: { ...left, indent: 2 } };
  const height = wrappedHeight([
    [p.name, COLUMNS[1].width - (child ? 3 : 0)],
    [p.owner, COLUMNS[2].width],
    [progress, COLUMNS[10].width],
    [p.problems, COLUMNS[11].width],
    [p.nextSteps, COLUMNS[12].width],
  ]);
  if (height) row.height = height;
  const keyCell = row.getCell(15);
  keyCell.value = textCell(key);
  keyCell.style = keyStyle;
  row.commit();
  return row.number;
}

function writeSummary(
  ws: Sheet,
  ctx: Ctx,
  units: { id: number | null; name: string }[],
  sections: { id: number }[],
  sectionName: Map<number, string>,
  subtitle: string,
) {
  ws.columns = SUMMARY_COLUMNS.map((c) => ({ width: c.width }));
  titleRows(ws, zhExcel.schedule.summaryTitle(ctx.plan.title), subtitle, "I");
  headerRows(ws, SUMMARY_COLUMNS);
  const MONEY = [4, 5, 6, 7, 8];
  let last = 4;
  const line = (label: string, seq: string, t: FigureTotals, s: ReturnType<typeof styles>, indent = false) => {
    const row = ws.addRow([]);
    last = row.number;
    row.getCell(1).value = seq;
    row.getCell(2).value = textCell(label);
    row.getCell(3).value = t.projectCount;
    figureCells(row, t, ctx.money, 4);
    styleRow(row, s, 9, MONEY, 9, [2]);
    if (indent) row.getCell(2).style = { ...s.left, alignment: { ...left, indent: 2 } };
    row.commit();
  };
  line(zhExcel.schedule.grandTotal, "", ctx.totals.grand, styles(ctx.money, TOTAL_FILL, true));
  const unitStyle = styles(ctx.money, GROUP_FILL, true);
  const plain = styles(ctx.money);
  units.forEach((u, i) => {
    const t = ctx.totals.byUnit.get(u.id);
    line(u.name, chineseNumeral(i + 1), t ?? EMPTY_TOTALS, unitStyle);
    let n = 0;
    for (const s of sections) {
      const st = ctx.totals.byUnitSection.get(unitSectionKey(u.id, s.id));
      if (st) line(sectionName.get(s.id)!, String(++n), st, plain, true);
    }
  });
  ws.pageSetup.printArea = `A$1:I$${last}`;
}

const DIGITS = "零一二三四五六七八九";
export function chineseNumeral(n: number): string {
  if (n <= 10) return n === 10 ? "十" : DIGITS[n];
  if (n < 20) return `十${DIGITS[n % 10]}`;
  if (n < 100) return `${DIGITS[Math.floor(n / 10)]}十${n % 10 ? DIGITS[n % 10] : ""}`;
  return String(n);
}
