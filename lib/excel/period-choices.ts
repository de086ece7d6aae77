import { isPeriod, periodLabel, periodOf, previousPeriod, type Cycle } from "@/lib/periods";

// Reporting periods of a plan up to the current one (newest first), and the one to offer by
// default: the last finished period, within the plan's years.
export function periodChoices(plan: { periodStart: number; periodEnd: number; reportingCycle: Cycle }, now = new Date()) {
  const current = periodOf(now, plan.reportingCycle);
  const out: { value: string; label: string }[] = [];
  const perYear = plan.reportingCycle === "MONTHLY" ? 12 : 4;
  for (let y = plan.periodStart; y <= plan.periodEnd; y++) {
    for (let i = 1; i <= perYear; i++) {
      const p = plan.reportingCycle === "MONTHLY" ? `${y}-${String(i).padStart(2, "0")}` : `${y}-Q${i}`;
      if (isPeriod(p, plan.reportingCycle) && p <= current) out.push({ value: p, label: periodLabel(p) });
    }
  }
  out.reverse();
  const previous = previousPeriod(current, plan.reportingCycle);
  const fallback = out.find((p) => p.value <= previous)?.value ?? out[0]?.value ?? `${plan.periodStart}-${plan.reportingCycle === "MONTHLY" ? "01" : "Q1"}`;
  if (out.length === 0) out.push({ value: fallback, label: periodLabel(fallback) });
  return { periods: out, defaultPeriod: fallback };
}
