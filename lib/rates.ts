import { Decimal } from "decimal.js";
import { zhFinance } from "@/lib/i18n/zh-CN-finance";

// The 四率, the cumulative completion rate and the 序时进度 gap: the one place each formula is
// defined (numerator, denominator, rounding) and described (the tooltip text). The group figures
// they read are summed in SQL (lib/server/rollups/group-rollup.ts); the server attaches the
// rates to every rollup row, so the API and the screens show the same strings.

// Figures of one group (or a plan's total), as summed in SQL. Money: exact decimal strings in 万元,
// null when no project in the group has the figure (unknown, never 0).
export type GroupFigures = {
  projectCount: number; // reporting lines: standalone projects and bundle lines (lib/server/rollups/counting.ts)
  programmeCount: number;
  totalWan: string | null; // 总投资 (a bundle's total is on its parent; sub-projects add nothing)
  unknownCount: number; // reporting lines with no total investment
  annualPlanWan: string | null; // 年度计划投资 of the period's year
  completedYearWan: string | null; // 本年完成投资, periods of the year up to the period
  completedToDateWan: string | null; // 累计完成投资, every period up to the period
  completedOfKnownWan: string | null; // 累计完成投资 of projects whose total is known
  fundsYearWan: string | null; // 本年资金到位
  dueStartCount: number; // planned to have started by the end of the period
  startedCount: number; // of those, started
  dueCompleteCount: number; // planned to have completed by the end of the period
  onTimeCount: number; // of those, completed no later than planned
};

export type RateKey = "startRate" | "investmentRate" | "fundsRate" | "onTimeRate" | "cumulativeRate";

type NumericFigure = { [K in keyof GroupFigures]: GroupFigures[K] extends number | string | null ? K : never }[keyof GroupFigures];

export const RATES: Record<RateKey, { num: NumericFigure; den: NumericFigure; label: string; formula: string }> = {
  startRate: { num: "startedCount", den: "dueStartCount", ...zhFinance.rates.startRate },
  investmentRate: { num: "completedYearWan", den: "annualPlanWan", ...zhFinance.rates.investmentRate },
  fundsRate: { num: "fundsYearWan", den: "annualPlanWan", ...zhFinance.rates.fundsRate },
  onTimeRate: { num: "onTimeCount", den: "dueCompleteCount", ...zhFinance.rates.onTimeRate },
  cumulativeRate: { num: "completedOfKnownWan", den: "totalWan", ...zhFinance.rates.cumulativeRate },
};

export const RATE_KEYS = Object.keys(RATES) as RateKey[];
// The 四率 proper, in the order screens show them.
export const FOUR_RATES: RateKey[] = ["startRate", "investmentRate", "fundsRate", "onTimeRate"];

// Percentages carry one decimal, rounded half up, as strings ("37.5"); null when the denominator
// is zero or unknown: shown as "—", never NaN or 0%.
const PLACES = 1;

export function rate(num: string | number | null, den: string | number | null): string | null {
  if (den === null) return null;
  const d = new Decimal(den);
  if (d.isZero()) return null;
  return new Decimal(num ?? 0).div(d).mul(100).toDecimalPlaces(PLACES, Decimal.ROUND_HALF_UP).toFixed(PLACES);
}

// 序时进度 as a percentage: share of the year elapsed at the end of the period.
export function schedulePercent(share: { num: number; den: number }): string {
  return new Decimal(share.num).div(share.den).mul(100).toDecimalPlaces(PLACES, Decimal.ROUND_HALF_UP).toFixed(PLACES);
}

// 序时进度差 in percentage points: 投资完成率 − 序时进度, from the two values as shown, so the three
// numbers on screen add up.
export function scheduleGap(investmentRate: string | null, schedule: string): string | null {
  return investmentRate === null ? null : new Decimal(investmentRate).sub(schedule).toFixed(PLACES);
}

export type Rates = Record<RateKey, string | null> & { schedule: string; scheduleGap: string | null };

export function ratesOf(f: GroupFigures, share: { num: number; den: number }): Rates {
  const out = {} as Record<RateKey, string | null>;
  for (const key of RATE_KEYS) out[key] = rate(f[RATES[key].num], f[RATES[key].den]);
  const schedule = schedulePercent(share);
  return { ...out, schedule, scheduleGap: scheduleGap(out.investmentRate, schedule) };
}

export function formatRate(value: string | null): string {
  return value === null ? zhFinance.rateNone : `${value}%`;
}

export function formatGap(value: string | null): string {
  if (value === null) return zhFinance.rateNone;
  return `${new Decimal(value).isPositive() && !new Decimal(value).isZero() ? "+" : ""}${value} 个百分点`;
}
