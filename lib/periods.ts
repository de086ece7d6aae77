import { chinaParts } from "@/lib/dates";

// Reporting periods: "2025-03" (monthly) or "2025-Q1" (quarterly). Keys sort chronologically as text
// within one cycle, which the SQL relies on (period <= $period).
export type Cycle = "MONTHLY" | "QUARTERLY";

const MONTHLY = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTERLY = /^(\d{4})-Q([1-4])$/;

export function isPeriod(value: string, cycle: Cycle): boolean {
  return (cycle === "MONTHLY" ? MONTHLY : QUARTERLY).test(value);
}

export function periodYear(period: string): number {
  return Number(period.slice(0, 4));
}

const keyOf = (y: number, m: number, cycle: Cycle) => (cycle === "MONTHLY" ? `${y}-${String(m).padStart(2, "0")}` : `${y}-Q${Math.ceil(m / 3)}`);

// The period an instant falls in, on China's calendar (lib/dates.ts).
export function periodOf(date: Date, cycle: Cycle): string {
  const { year, month } = chinaParts(date);
  return keyOf(year, month, cycle);
}

export const currentPeriod = (cycle: Cycle, now: Date = new Date()): string => periodOf(now, cycle);

// The period of another cycle that holds the end of this one (a month's quarter, a quarter's last month).
export function periodIn(period: string, cycle: Cycle): string {
  const end = periodEndDate(period);
  return keyOf(periodYear(end), Number(end.slice(5, 7)), cycle);
}

export function previousPeriod(period: string, cycle: Cycle): string {
  const y = periodYear(period);
  if (cycle === "MONTHLY") {
    const m = Number(period.slice(5));
    return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
  }
  const q = Number(period.slice(6));
  return q === 1 ? `${y - 1}-Q4` : `${y}-Q${q - 1}`;
}

// Share of the year elapsed at the end of a period (序时进度 target), as an exact fraction string.
export function yearShareAtEnd(period: string, cycle: Cycle): { num: number; den: number } {
  return cycle === "MONTHLY" ? { num: Number(period.slice(5)), den: 12 } : { num: Number(period.slice(6)), den: 4 };
}

// Last day of a period, as "YYYY-MM-DD" (the "as of" date of figures for that period).
export function periodEndDate(period: string): string {
  const y = periodYear(period);
  const q = QUARTERLY.exec(period);
  const month = q ? Number(q[2]) * 3 : Number(period.slice(5));
  const last = new Date(Date.UTC(y, month, 0)).getUTCDate();
  return `${y}-${String(month).padStart(2, "0")}-${String(last).padStart(2, "0")}`;
}

// Every period of one calendar year, in order.
export function periodsOfYear(year: number, cycle: Cycle): string[] {
  return cycle === "MONTHLY"
    ? Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, "0")}`)
    : Array.from({ length: 4 }, (_, i) => `${year}-Q${i + 1}`);
}

export function periodLabel(period: string): string {
  const q = QUARTERLY.exec(period);
  if (q) return `${q[1]}年第${q[2]}季度`;
  const m = MONTHLY.exec(period);
  return m ? `${m[1]}年${Number(m[2])}月` : period;
}

// The periods a screen offers for a plan, newest first: from the plan's first period up to the current
// one (China time), never beyond, and not stopping at the plan's last year — its projects go on (续建).
// `period` is the one to show: the requested one when it is a period of the plan's cycle (offered
// too, even outside the range), else the current one (a plan not started yet: its first period).
export function periodChoices(
  plan: { periodStart: number; reportingCycle: Cycle },
  opts: { requested?: string; now?: Date } = {},
): { periods: string[]; period: string } {
  const cycle = plan.reportingCycle;
  const current = currentPeriod(cycle, opts.now);
  const periods: string[] = [];
  for (let y = periodYear(current); y >= plan.periodStart; y--)
    periods.push(
      ...periodsOfYear(y, cycle)
        .filter((p) => p <= current)
        .reverse(),
    );
  if (periods.length === 0) periods.push(periodsOfYear(plan.periodStart, cycle)[0]);
  const requested = opts.requested !== undefined && isPeriod(opts.requested, cycle) ? opts.requested : undefined;
  if (requested && !periods.includes(requested)) {
    periods.push(requested);
    periods.sort().reverse();
  }
  return { periods, period: requested ?? periods[0] };
}
