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

export function periodOf(date: Date, cycle: Cycle): string {
  const y = date.getFullYear();
  const m = date.getMonth() + 1;
  return cycle === "MONTHLY" ? `${y}-${String(m).padStart(2, "0")}` : `${y}-Q${Math.ceil(m / 3)}`;
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
