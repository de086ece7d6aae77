import { Decimal } from "decimal.js";

// 序时进度: this year's completion against the annual plan, compared with the share of the year
// elapsed. Ratios are exact decimals; a missing or zero annual plan gives null ("—"), never 0%.
export function yearPace(yearToDateWan: string | null, annualPlanWan: string | null, elapsed: { num: number; den: number }) {
  if (annualPlanWan === null || new Decimal(annualPlanWan).isZero()) return null;
  const done = new Decimal(yearToDateWan ?? 0).div(annualPlanWan).mul(100);
  const target = new Decimal(elapsed.num).div(elapsed.den).mul(100);
  return { donePct: done.toDecimalPlaces(1).toFixed(1), targetPct: target.toDecimalPlaces(1).toFixed(1), gapPts: done.minus(target).toDecimalPlaces(1).toFixed(1) };
}
