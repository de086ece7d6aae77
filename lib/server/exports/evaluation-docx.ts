import "server-only";
import {
  AlignmentType,
  Document,
  Footer,
  HeadingLevel,
  ImageRun,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from "docx";
import { chinaToday } from "@/lib/dates";
import type { EvaluationStage } from "@/lib/evaluation";
import { zhEvaluation } from "@/lib/i18n/zh-CN-evaluation";
import { STATUS_LABELS, STATUS_ORDER } from "@/lib/indicators/assess";
import { formatMoney, UNIT_LABEL, type MoneyUnit } from "@/lib/money";
import { periodLabel } from "@/lib/periods";
import { formatRate } from "@/lib/rates";
import { ATTRIBUTE_LABEL, type IndicatorFigure } from "@/lib/server/indicators/indicator-figures";
import type { GroupRow } from "@/lib/server/rollups/group-rollup";
import type { ReportedProblem } from "@/lib/server/rollups/reported-problems";
import { xmlText } from "./xml-text";

// The 评估报告 as a Word document a plan office edits and sends: A4, 宋体 text and 黑体 headings (East
// Asian fonts named for Word and WPS; LibreOffice substitutes Noto CJK), the four sections, tables with
// a repeated header row, charts as PNG. Every figure is formatted as the screens format it:
// formatMoney (components/money.tsx, finance/amount.tsx), formatRate (finance/rate.tsx), the
// assessment's label.
const T = zhEvaluation;

export type Chart = { png: Buffer; width: number; height: number; title: string };
export type EvaluationData = {
  planTitle: string;
  stage: EvaluationStage;
  year: number;
  period: string;
  asOf: string;
  unit: MoneyUnit;
  indicators: IndicatorFigure[];
  units: GroupRow[];
  total: GroupRow;
  problems: ReportedProblem[];
  charts: { status: Chart | null; investment: Chart | null };
};

const LATIN = "Times New Roman";
const BODY_FONT = { ascii: LATIN, hAnsi: LATIN, cs: LATIN, eastAsia: "宋体" };
const HEAD_FONT = { ascii: LATIN, hAnsi: LATIN, cs: LATIN, eastAsia: "黑体" };
// A4 with the margins of GB/T 9704 (left 2.8 cm, right 2.6 cm); the text is 8845 twips wide.
const PAGE = { width: 11906, height: 16838, left: 1587, right: 1474, top: 1984, bottom: 1871 };
const TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right;
const IMAGE_WIDTH_PX = 580;
const SIZE = { title: 36, heading: 32, body: 24, table: 19 }; // half-points: 18 pt, 16 pt (三号), 小四, ≈ 小五

// Unknown totals show 未知 and missing amounts "—", as on the screens.
export const totalText = (wan: string | null, unit: MoneyUnit) => (wan === null ? "未知" : formatMoney(wan, unit));
export const amountText = (wan: string | null, unit: MoneyUnit) => formatMoney(wan, unit);

const CN_DIGITS = "零一二三四五六七八九";
function chineseNumber(n: number): string {
  if (n < 10) return CN_DIGITS[n];
  if (n < 20) return `十${n % 10 ? CN_DIGITS[n % 10] : ""}`;
  return `${CN_DIGITS[Math.floor(n / 10)]}十${n % 10 ? CN_DIGITS[n % 10] : ""}`;
}

function para(text: string, opts: { indent?: boolean; bold?: boolean; align?: (typeof AlignmentType)[keyof typeof AlignmentType] } = {}) {
  return new Paragraph({
    alignment: opts.align ?? AlignmentType.JUSTIFIED,
    indent: opts.indent === false ? undefined : { firstLine: 480 },
    spacing: { line: 360 },
    children: xmlText(text)
      .split("\n")
      .map((line, i) => new TextRun({ text: line, bold: opts.bold, break: i > 0 ? 1 : undefined })),
  });
}

function runs(parts: { text: string; bold?: boolean }[]) {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: 480 },
    spacing: { line: 360 },
    children: parts.flatMap((p) =>
      xmlText(p.text)
        .split("\n")
        .map((line, i) => new TextRun({ text: line, bold: p.bold, break: i > 0 ? 1 : undefined })),
    ),
  });
}

const heading = (text: string) => new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(text)] });
const caption = (text: string) =>
  new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 120, after: 60 }, children: [new TextRun({ text, bold: true, size: SIZE.table + 2 })] });

type Align = "left" | "center" | "right";
const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT } as const;

function table(widths: number[], header: string[], rows: string[][], opts: { align: Align[]; boldLast?: boolean }) {
  const cell = (text: string, col: number, kind: "head" | "body" | "total") =>
    new TableCell({
      width: { size: widths[col], type: WidthType.DXA },
      verticalAlign: VerticalAlign.CENTER,
      margins: { top: 40, bottom: 40, left: 80, right: 80 },
      ...(kind !== "body" && { shading: { type: ShadingType.CLEAR, color: "auto", fill: kind === "head" ? "DCE6F1" : "F2F2F2" } }),
      children: [
        new Paragraph({
          alignment: kind === "head" ? AlignmentType.CENTER : ALIGN[opts.align[col]],
          children: [new TextRun({ text: xmlText(text), size: SIZE.table, bold: kind !== "body" })],
        }),
      ],
    });
  return new Table({
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    alignment: AlignmentType.CENTER,
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: header.map((h, i) => cell(h, i, "head")) }),
      ...rows.map(
        (r, ri) => new TableRow({ cantSplit: true, children: r.map((text, i) => cell(text, i, opts.boldLast && ri === rows.length - 1 ? "total" : "body")) }),
      ),
    ],
  });
}

function image(chart: Chart) {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: 120 },
    children: [
      new ImageRun({
        type: "png",
        data: chart.png,
        transformation: { width: IMAGE_WIDTH_PX, height: Math.round((IMAGE_WIDTH_PX * chart.height) / chart.width) },
        altText: { name: chart.title, title: chart.title, description: chart.title },
      }),
    ],
  });
}

// Widths that fill the text width: the first columns as given, the rest share what is left.
const spread = (fixed: number[], rest: number) => {
  const each = Math.floor((TEXT_WIDTH - fixed.reduce((a, b) => a + b, 0)) / rest);
  const widths = [...fixed, ...Array.from({ length: rest }, () => each)];
  widths[widths.length - 1] += TEXT_WIDTH - widths.reduce((a, b) => a + b, 0);
  return widths;
};

function overview(d: EvaluationData) {
  const out: (Paragraph | Table)[] = [heading(T.sections.overview)];
  const inds = d.indicators;
  if (inds.length === 0) out.push(runs([{ text: T.overview.indicatorsHead, bold: true }, { text: T.overview.noIndicators }]));
  else {
    const of = (a: string | null) => inds.filter((r) => r.indicator.attribute === a);
    const statuses = STATUS_ORDER.filter((s) => inds.some((r) => r.assessment.status === s));
    const parts = statuses.map((s) => `${STATUS_LABELS[s]} ${inds.filter((r) => r.assessment.status === s).length} 项`).join("、");
    out.push(
      runs([
        { text: T.overview.indicatorsHead, bold: true },
        { text: T.overview.indicators(inds.length, of("BINDING").length, of("EXPECTED").length) + T.overview.byStatus(d.year, parts) },
      ]),
    );
    // 约束性 first, as on the screens (components/indicators/indicator-summary.tsx).
    const groups: [string, IndicatorFigure[]][] = [
      [ATTRIBUTE_LABEL.BINDING, of("BINDING")],
      [ATTRIBUTE_LABEL.EXPECTED, of("EXPECTED")],
      ...(of(null).length ? [[T.overview.otherAttribute, of(null)] as [string, IndicatorFigure[]]] : []),
      [T.overview.total, inds],
    ];
    const rows = groups.map(([label, rs]) => [label, ...statuses.map((s) => String(rs.filter((r) => r.assessment.status === s).length)), String(rs.length)]);
    out.push(
      caption(T.overview.countsTable),
      table(spread([1600], statuses.length + 1), [T.overview.attribute, ...statuses.map((s) => STATUS_LABELS[s]), T.overview.total], rows, {
        align: ["center", ...statuses.map(() => "center" as const), "center"],
        boldLast: true,
      }),
    );
    if (d.charts.status) out.push(image(d.charts.status), caption(T.overview.chart));
  }
  const t = d.total;
  const money = (wan: string | null) => `${amountText(wan, d.unit)}${wan === null ? "" : ` ${UNIT_LABEL[d.unit]}`}`;
  out.push(
    runs([
      { text: T.overview.projectsHead, bold: true },
      {
        text: T.overview.projects({
          count: t.projectCount,
          sub: T.overview.sub(t.subProjectCount),
          total: t.totalWan === null ? totalText(null, d.unit) : money(t.totalWan),
          unknown: T.overview.unknown(t.unknownCount),
          toDate: money(t.completedToDateWan),
          cumulativeRate: formatRate(t.rates.cumulativeRate),
          year: d.year,
          annual: money(t.annualPlanWan),
          ytd: money(t.completedYearWan),
          investmentRate: formatRate(t.rates.investmentRate),
          schedule: `${t.rates.schedule}%`,
        }),
      },
    ]),
  );
  return out;
}

function indicatorSection(d: EvaluationData) {
  const out: (Paragraph | Table)[] = [heading(T.sections.indicators)];
  if (d.indicators.length === 0) return [...out, para(T.overview.noIndicators)];
  const rows = d.indicators.map((r, i) => [
    r.indicator.seq ?? String(i + 1),
    r.indicator.category ?? "—",
    r.indicator.name,
    r.indicator.attribute ? ATTRIBUTE_LABEL[r.indicator.attribute] : "—",
    r.indicator.baselineText ?? "—",
    r.latest ? T.indicators.latest(r.latest.value, r.latest.year) : "—",
    r.indicator.targetText ?? "—",
    r.assessment.label,
  ]);
  out.push(
    para(T.indicators.intro(d.year)),
    caption(T.indicators.table),
    table([500, 1000, 2300, 820, 1000, 1400, 1025, 800], [...T.indicators.header], rows, {
      align: ["center", "center", "left", "center", "right", "right", "right", "center"],
    }),
  );
  return out;
}

function projectSection(d: EvaluationData) {
  const out: (Paragraph | Table)[] = [heading(T.sections.projects)];
  const t = d.total;
  if (t.projectCount === 0 && d.units.length === 0) return [...out, para(T.projects.noProjects)];
  out.push(
    para(
      T.projects.rates(periodLabel(d.period), {
        start: formatRate(t.rates.startRate),
        started: t.startedCount,
        dueStart: t.dueStartCount,
        investment: formatRate(t.rates.investmentRate),
        funds: formatRate(t.rates.fundsRate),
        onTime: formatRate(t.rates.onTimeRate),
        onTimeCount: t.onTimeCount,
        dueComplete: t.dueCompleteCount,
      }),
    ),
  );
  const unit = UNIT_LABEL[d.unit];
  const line = (seq: string, r: GroupRow) => [
    seq,
    r.name,
    String(r.projectCount),
    totalText(r.totalWan, d.unit),
    amountText(r.completedToDateWan, d.unit),
    formatRate(r.rates.cumulativeRate),
  ];
  out.push(
    caption(T.projects.unitsTable(unit)),
    table(
      [600, 2245, 1000, 1800, 1800, 1400],
      T.projects.unitsHeader(unit),
      [...d.units.map((r, i) => line(r.key.unitId === null ? "" : String(i + 1), r)), line("", t)],
      {
        align: ["center", "left", "right", "right", "right", "right"],
        boldLast: true,
      },
    ),
  );
  if (d.charts.investment) out.push(image(d.charts.investment), caption(T.projects.chart));
  const rates = (r: GroupRow) => [r.name, ...(["startRate", "investmentRate", "fundsRate", "onTimeRate"] as const).map((k) => formatRate(r.rates[k]))];
  out.push(
    caption(T.projects.ratesTable),
    table([2245, 1650, 1650, 1650, 1650], [...T.projects.ratesHeader], [...d.units.map(rates), rates(t)], {
      align: ["left", "right", "right", "right", "right"],
      boldLast: true,
    }),
  );
  return out;
}

function problemSection(d: EvaluationData) {
  const out: (Paragraph | Table)[] = [heading(T.sections.problems)];
  if (d.problems.length === 0) return [...out, para(T.problems.none(d.year))];
  out.push(para(T.problems.intro(d.year)));
  const groups: ReportedProblem[][] = [];
  for (const p of d.problems) {
    const last = groups.at(-1);
    if (last && last[0].unitId === p.unitId) last.push(p);
    else groups.push([p]);
  }
  groups.forEach((g, gi) => {
    out.push(para(T.problems.unit(chineseNumber(gi + 1), g[0].unitName ?? "未分配单位", g.length), { bold: true }));
    g.forEach((p, i) => out.push(runs([{ text: T.problems.item(i + 1, p.projectName, periodLabel(p.period)), bold: true }, { text: p.problems }])));
  });
  return out;
}

export async function evaluationDocx(d: EvaluationData): Promise<Buffer> {
  const title = xmlText(T.title(d.planTitle, d.stage, d.year));
  const doc = new Document({
    creator: T.creator,
    title,
    styles: {
      default: {
        document: { run: { font: BODY_FONT, size: SIZE.body } },
        heading1: {
          run: { font: HEAD_FONT, size: SIZE.heading, bold: false, color: "000000" },
          paragraph: { spacing: { before: 240, after: 120 }, keepNext: true },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: [T.footer, PageNumber.CURRENT, T.footerEnd], size: SIZE.table })],
              }),
            ],
          }),
        },
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 120 },
            children: [new TextRun({ text: title, bold: true, size: SIZE.title })],
          }),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 240 },
            children: [new TextRun({ text: T.dateLine(d.asOf, periodLabel(d.period), chinaToday()), size: SIZE.table + 2 })],
          }),
          para(T.basis(periodLabel(d.period), d.year)),
          ...overview(d),
          ...indicatorSection(d),
          ...projectSection(d),
          ...problemSection(d),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
