import { Decimal } from "decimal.js";
import type { Comparator, Direction } from "./target-text";

// Whether a 主要指标 is on course: the one place the rule is defined. Screens, exports and the API
// call assessIndicator with the indicator's parsed target (lib/indicators/target-text.ts), its 2020
// baseline and the latest approved value, and show the label it returns.
//
// A numeric target (≥ > ≤ < = 左右):
// - 无数据    no approved value yet.
// - 已达标    the latest value meets the target: ≥ > ≤ < as printed; a plain number is reached from the
//             direction's side (higher: value ≥ target; lower: value ≤ target; no direction: equal);
//             左右 is met within its tolerance, and beyond it on the good side (80 meets "78.60左右"
//             when higher is better); without a direction only |value − target| ≤ tolerance meets it.
// - 进度正常  not met yet, before the target year, and at or beyond the straight path from the
//             baseline to the target for the value's year: baseline + (target − baseline) ×
//             (year − baselineYear) / (targetYear − baselineYear); "beyond" is ≥ when higher is better,
//             ≤ when lower is better. Compared exactly (cross-multiplied, no division, no rounding).
// - 滞后      not met in or after the target year (a value for a later year than the target's is
//             judged against the target itself, never the path), or behind the path before it.
// - 无法判断进度 (NOT_ASSESSABLE) not met, before the target year, and no path can be drawn: the
//             baseline is unknown (待国家公布), the baseline year is not before the target year, or
//             neither the comparator, the indicator nor baseline → target says which way is better.
//             Saying 滞后 or 进度正常 there would be a guess.
// Direction: a ≥/> target means higher is better and ≤/< lower, whatever else is said; otherwise the
// indicator's own direction; otherwise the way the target moves from the baseline (target > baseline
// → higher).
//
// A qualitative target (持续下降, 优于全国平均水平, 待国家公布, unparsed text): a reviewer's judgement for
// the year decides, 达到 / 未达到 / 无法评估 with a reason; without one it is 无数据. Judgements are
// ignored on numeric targets: the values decide there.

export type IndicatorStatus = "MET" | "ON_TRACK" | "LAGGING" | "NO_DATA" | "JUDGED_MET" | "JUDGED_NOT_MET" | "NOT_ASSESSABLE";
export type JudgementResult = "达到" | "未达到" | "无法评估";

export const STATUS_LABELS: Record<IndicatorStatus, string> = {
  MET: "已达标",
  ON_TRACK: "进度正常",
  LAGGING: "滞后",
  NO_DATA: "无数据",
  JUDGED_MET: "达到",
  JUDGED_NOT_MET: "未达到",
  NOT_ASSESSABLE: "无法评估",
};
// NOT_ASSESSABLE of a numeric target (no path can be drawn), as opposed to a reviewer's 无法评估.
export const NO_PATH_LABEL = "无法判断进度";

// Legend and summary order: the computed outcomes, then the reviewers' judgements.
export const STATUS_ORDER: readonly IndicatorStatus[] = ["MET", "ON_TRACK", "LAGGING", "NO_DATA", "JUDGED_MET", "JUDGED_NOT_MET", "NOT_ASSESSABLE"];

// The stored judgement results (IndicatorJudgementResult) as the reviewer chose them.
export const JUDGEMENT_RESULTS: Record<"MET" | "NOT_MET" | "NOT_ASSESSABLE", JudgementResult> = {
  MET: "达到",
  NOT_MET: "未达到",
  NOT_ASSESSABLE: "无法评估",
};

export type AssessmentInput = {
  baseline: { year: number; value: string | null };
  target: { year: number; comparator: Comparator; value: string | null; tolerance: string | null };
  direction: Direction | null;
  latest: { year: number; value: string } | null; // the latest approved value
  judgement?: { result: JudgementResult; reason: string } | null; // for the latest year, qualitative targets
};

export type Assessment = {
  status: IndicatorStatus;
  label: string;
  expected: string | null; // the straight path at the latest value's year, 4 decimals, for display only
};

// Exact for any two NUMERIC(18,4) values and year spans (products stay far below 100 digits).
const D = Decimal.clone({ precision: 100 });

const EXPECTED_PLACES = 4;

const IMPLIED: Partial<Record<Comparator, Direction>> = { ">=": "higher", ">": "higher", "<=": "lower", "<": "lower" };

function result(status: IndicatorStatus, expected: string | null = null, label = STATUS_LABELS[status]): Assessment {
  return { status, label, expected };
}

function judged(judgement: AssessmentInput["judgement"]): Assessment {
  switch (judgement?.result) {
    case "达到":
      return result("JUDGED_MET");
    case "未达到":
      return result("JUDGED_NOT_MET");
    case "无法评估":
      return result("NOT_ASSESSABLE");
    default:
      return result("NO_DATA");
  }
}

function meets(value: Decimal, comparator: Comparator, target: Decimal, tolerance: Decimal, direction: Direction | null): boolean {
  switch (comparator) {
    case ">=":
      return value.gte(target);
    case ">":
      return value.gt(target);
    case "<=":
      return value.lte(target);
    case "<":
      return value.lt(target);
    case "=":
      return direction === "higher" ? value.gte(target) : direction === "lower" ? value.lte(target) : value.eq(target);
    case "about":
      if (direction === "higher") return value.gte(target.sub(tolerance));
      if (direction === "lower") return value.lte(target.add(tolerance));
      return value.sub(target).abs().lte(tolerance);
    case "qualitative":
      return false;
  }
}

/** The status of one indicator from its latest approved value or judgement. See the rule above. */
export function assessIndicator(input: AssessmentInput): Assessment {
  const { baseline, target, latest } = input;
  if (target.comparator === "qualitative" || target.value === null) return judged(input.judgement);

  const goal = new D(target.value);
  const base = baseline.value === null ? null : new D(baseline.value);
  const span = target.year - baseline.year;
  const direction = IMPLIED[target.comparator] ?? input.direction ?? (base === null || base.eq(goal) ? null : goal.gt(base) ? "higher" : "lower");

  if (latest === null) return result("NO_DATA");

  // The path's value for the latest year, clamped to the plan period: before the baseline year it is
  // the baseline, from the target year on the target.
  const hasPath = base !== null && span > 0;
  const elapsed = Math.min(Math.max(latest.year - baseline.year, 0), span);
  const expected = hasPath ? base.add(goal.sub(base).mul(elapsed).div(span)).toDecimalPlaces(EXPECTED_PLACES, Decimal.ROUND_HALF_UP).toFixed() : null;

  const value = new D(latest.value);
  if (meets(value, target.comparator, goal, new D(target.tolerance ?? 0), direction)) return result("MET", expected);
  if (latest.year >= target.year) return result("LAGGING", expected);
  if (!hasPath || direction === null) return result("NOT_ASSESSABLE", expected, NO_PATH_LABEL);

  // value vs baseline + (target − baseline) × elapsed / span, multiplied through by span > 0.
  const progress = value.sub(base).mul(span);
  const path = goal.sub(base).mul(elapsed);
  const onPath = direction === "higher" ? progress.gte(path) : progress.lte(path);
  return result(onPath ? "ON_TRACK" : "LAGGING", expected);
}
