// The 评估报告's stages and the year each is as of: one rule for the download menu on the 指标 page and
// the export (lib/server/exports/export-evaluation.ts).
// - 年度评估 (year): the chosen year of the plan period;
// - 中期评估 (mid): the middle year of the plan period, rounded down (2023 of 2021–2025, 2022 of 2021–2024);
// - 终期评估 (final): the plan's last year.
// A year not yet begun (China time) has no report.
export const EVALUATION_STAGES = ["year", "mid", "final"] as const;
export type EvaluationStage = (typeof EVALUATION_STAGES)[number];

export const STAGE_LABEL: Record<EvaluationStage, string> = { year: "年度评估", mid: "中期评估", final: "终期评估" };

type PlanPeriod = { periodStart: number; periodEnd: number };

export function midYear(plan: PlanPeriod): number {
  return Math.floor((plan.periodStart + plan.periodEnd) / 2);
}

/** The year a report of this stage is as of (stage year: the year asked for, if any). */
export function stageYear(plan: PlanPeriod, stage: EvaluationStage, year?: number): number | undefined {
  return stage === "mid" ? midYear(plan) : stage === "final" ? plan.periodEnd : year;
}

export type EvaluationChoice = { stage: EvaluationStage; year: number; label: string; query: string };

/** The reports that can be made today, newest first: 终期, 中期, then each year of the plan so far. */
export function evaluationChoices(plan: PlanPeriod, currentYear: number): EvaluationChoice[] {
  const out: EvaluationChoice[] = [];
  if (plan.periodEnd <= currentYear)
    out.push({ stage: "final", year: plan.periodEnd, label: `${STAGE_LABEL.final}（${plan.periodEnd}年）`, query: "stage=final" });
  if (midYear(plan) <= currentYear) out.push({ stage: "mid", year: midYear(plan), label: `${STAGE_LABEL.mid}（${midYear(plan)}年）`, query: "stage=mid" });
  for (let y = Math.min(currentYear, plan.periodEnd); y >= plan.periodStart; y--)
    out.push({ stage: "year", year: y, label: `${y}年度评估`, query: `stage=year&year=${y}` });
  return out;
}
