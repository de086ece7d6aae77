import "server-only";
import type { Writable } from "node:stream";
import { Decimal } from "decimal.js";
import { chinaYear } from "@/lib/dates";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { STAGE_LABEL, stageYear } from "@/lib/evaluation";
import { zhEvaluation } from "@/lib/i18n/zh-CN-evaluation";
import { STATUS_LABELS, STATUS_ORDER, type IndicatorStatus } from "@/lib/indicators/assess";
import { UNIT_LABEL, type MoneyUnit } from "@/lib/money";
import { currentPeriod, periodsOfYear, type Cycle } from "@/lib/periods";
import { evaluationExportSchema } from "@/lib/schemas/evaluation";
import { getDashboard } from "@/lib/server/finance/get-dashboard";
import { indicatorFigures, type IndicatorFigure } from "@/lib/server/indicators/indicator-figures";
import { operation } from "@/lib/server/operation";
import type { GroupRow } from "@/lib/server/rollups/group-rollup";
import { reportedProblems } from "@/lib/server/rollups/reported-problems";
import { assertChartFont, renderBarChart } from "./chart-image";
import { amountText, evaluationDocx, totalText, type Chart } from "./evaluation-docx";
import { DOCX_TYPE, type FileJob } from "./file-response";

// 评估报告 in one click (GET /api/v1/exports/evaluation): a plan's 年度 / 中期 / 终期 evaluation as .docx.
// Its figures are the screens' own reads, for the year's period — the last period of a past year, the
// current period of the current year (lib/evaluation.ts decides the year):
// - indicators: indicatorFigures(plan, { year, official }) — the 指标 page, the dashboard, the API;
// - projects: getDashboard(plan, period) — the 投资看板's units, total and rates (official only);
// - problems: the approved reports' 存在问题 (rollups/reported-problems.ts).
// The document is built whole before the answer starts (it is small), so any refusal is a JSON error.
const T = zhEvaluation;

const STATUS_COLOR: Record<IndicatorStatus, string> = {
  MET: "#15803d",
  ON_TRACK: "#0284c7",
  LAGGING: "#dc2626",
  NO_DATA: "#94a3b8",
  JUDGED_MET: "#4ade80",
  JUDGED_NOT_MET: "#f97316",
  NOT_ASSESSABLE: "#a8a29e",
};

export const prepareEvaluationReport = operation({
  permission: "export.run",
  input: evaluationExportSchema,
  async run(actor, v): Promise<FileJob> {
    const plan = await db.plan.findUnique({
      where: { id: v.plan },
      select: { id: true, title: true, periodStart: true, periodEnd: true, reportingCycle: true, moneyUnit: true },
    });
    if (!plan) throw new AppError("NOT_FOUND", "找不到该规划。");
    const year = stageYear(plan, v.stage, v.year)!;
    const field = v.stage === "year" ? "year" : "stage";
    if (year < plan.periodStart || year > plan.periodEnd)
      throw new AppError("VALIDATION", `评估年份应在规划期内（${plan.periodStart}–${plan.periodEnd}年）。`, {
        [field]: [`请选择 ${plan.periodStart}–${plan.periodEnd} 年之间的年份`],
      });
    const now = chinaYear();
    if (year > now)
      throw new AppError(
        "VALIDATION",
        v.stage === "year" ? `${year}年尚未开始，不能生成评估报告。` : `${STAGE_LABEL[v.stage]}以${year}年为准，该年尚未开始，暂不能生成。`,
        { [field]: [`${year}年尚未开始`] },
      );
    assertChartFont();

    const cycle = plan.reportingCycle as Cycle;
    const period = year < now ? periodsOfYear(year, cycle).at(-1)! : currentPeriod(cycle);
    const unit: MoneyUnit = plan.moneyUnit === "wan" ? "wan" : "yi";
    const [dashboard, indicators, problems] = await Promise.all([
      getDashboard(actor, { plan: plan.id, period }),
      indicatorFigures(plan.id, { year, submitted: false }),
      reportedProblems({ planId: plan.id, period }),
    ]);
    const [status, investment] = await Promise.all([statusChart(indicators, year), investmentChart(dashboard.units, unit)]);
    const bytes = await evaluationDocx({
      planTitle: plan.title,
      stage: v.stage,
      year,
      period,
      asOf: dashboard.asOf,
      unit,
      indicators,
      units: dashboard.units,
      total: dashboard.total,
      problems,
      charts: { status, investment },
    });
    return {
      fileName: `${plan.title}-${T.reportName(v.stage, year)}.docx`,
      type: DOCX_TYPE,
      write: async (out: Writable) => {
        out.end(bytes);
      },
    };
  },
});

async function statusChart(indicators: IndicatorFigure[], year: number): Promise<Chart | null> {
  const statuses = STATUS_ORDER.filter((s) => indicators.some((r) => r.assessment.status === s));
  if (statuses.length === 0) return null;
  const title = T.overview.chartTitle(year);
  const chart = await renderBarChart({
    title,
    series: [{ name: "指标数", color: "#0284c7" }],
    rows: statuses.map((s) => {
      const n = indicators.filter((r) => r.assessment.status === s).length;
      return { label: STATUS_LABELS[s], bars: [{ value: new Decimal(n), text: `${n} 项`, color: STATUS_COLOR[s] }] };
    }),
  });
  return { ...chart, title };
}

async function investmentChart(units: GroupRow[], unit: MoneyUnit): Promise<Chart | null> {
  if (units.length === 0) return null;
  const title = T.projects.chartTitle(UNIT_LABEL[unit]);
  const chart = await renderBarChart({
    title,
    series: [
      { name: T.projects.seriesTotal, color: "#93c5fd" },
      { name: T.projects.seriesDone, color: "#1d4ed8" },
    ],
    rows: units.map((r) => ({
      label: r.name,
      bars: [
        { value: r.totalWan === null ? null : new Decimal(r.totalWan), text: totalText(r.totalWan, unit) },
        { value: r.completedToDateWan === null ? null : new Decimal(r.completedToDateWan), text: amountText(r.completedToDateWan, unit) },
      ],
    })),
  });
  return { ...chart, title };
}
