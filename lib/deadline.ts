import { chinaToday, daysBetween } from "@/lib/dates";
import { periodEndDate, type Cycle } from "@/lib/periods";

// The reporting deadline of a plan (Plan.reportDueDay): a period's reports are due by that day of the
// month after the period ends — "每月 5 日前报上月" is 5, a quarter's reports are due on the 5th of the
// month after the quarter. A day past that month's end means its last day (31 in April = 30 April).
// Due *by* the day: 逾期 from the next day on, China time (lib/dates.ts), whatever the server's zone.
// Pure (no server-only): the 填报情况 page, the reminders and the tests use it.

export const DUE_DAY_MIN = 1;
export const DUE_DAY_MAX = 31;

const pad = (n: number) => String(n).padStart(2, "0");

// "YYYY-MM-DD" of a period's due date, or null when the plan has no deadline.
export function periodDueDate(period: string, dueDay: number | null | undefined): string | null {
  if (dueDay === null || dueDay === undefined) return null;
  const end = periodEndDate(period); // last day of the period (a quarter: of its last month)
  const endYear = Number(end.slice(0, 4));
  const endMonth = Number(end.slice(5, 7)); // 1–12
  const year = endMonth === 12 ? endYear + 1 : endYear;
  const month = endMonth === 12 ? 1 : endMonth + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${pad(month)}-${pad(Math.min(Math.max(dueDay, DUE_DAY_MIN), lastDay))}`;
}

// Whole days past the due date on China's calendar at `now` (0 on the due day itself and before it).
export function daysPastDue(dueDate: string | null, now: Date = new Date()): number {
  if (dueDate === null) return 0;
  return Math.max(0, daysBetween(dueDate, chinaToday(now)));
}

// Past the due date (China time) at `now`: the due day itself is still in time.
export const isPastDue = (dueDate: string | null, now: Date = new Date()): boolean => daysPastDue(dueDate, now) > 0;

// The rule as the plan office would say it.
export function deadlineRule(dueDay: number | null | undefined, cycle: Cycle): string {
  if (dueDay === null || dueDay === undefined) return "未设填报截止日";
  return cycle === "QUARTERLY" ? `每季度结束后次月 ${dueDay} 日前报上季度` : `每月 ${dueDay} 日前报上月`;
}
