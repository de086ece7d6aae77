// China time: "today", the current year and every date or time shown are those of Asia/Shanghai,
// whatever the server's TZ. Calendar days are "YYYY-MM-DD"; DATE columns hold UTC midnight of theirs.
// Pure (no server-only): pages, client components and tests use it too.
const DAY_MS = 86_400_000;

// One formatter for every reading; h23 so that midnight is 00, never 24.
const CHINA = new Intl.DateTimeFormat("en-US", {
  timeZone: "Asia/Shanghai",
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

export type ChinaParts = { year: number; month: number; day: number; hour: number; minute: number; second: number };

// The wall clock in China at an instant.
export function chinaParts(at: Date | string = new Date()): ChinaParts {
  const p: Record<string, string> = {};
  for (const part of CHINA.formatToParts(new Date(at))) p[part.type] = part.value;
  return { year: Number(p.year), month: Number(p.month), day: Number(p.day), hour: Number(p.hour), minute: Number(p.minute), second: Number(p.second) };
}

const pad = (n: number) => String(n).padStart(2, "0");

// The China calendar day of an instant. A DATE column (UTC midnight = 08:00 in China) shows its own day.
export function formatDate(d: Date | string): string {
  const p = chinaParts(d);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

export function formatDateTime(d: Date | string): string {
  const p = chinaParts(d);
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
}

export const chinaToday = (now: Date = new Date()): string => formatDate(now);
export const chinaYear = (now: Date = new Date()): number => chinaParts(now).year;

// The value a DATE column stores for a calendar day (for writes and for comparing with DATE columns).
export const dateColumn = (day: string): Date => new Date(`${day}T00:00:00Z`);

// A real "YYYY-MM-DD" day (not 2026-02-30).
export function isCalendarDay(day: string): boolean {
  const t = /^\d{4}-\d{2}-\d{2}$/.test(day) ? Date.parse(day) : NaN;
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === day;
}

// Whole days from one calendar day to another (negative when `to` is earlier).
export const daysBetween = (from: string, to: string): number => Math.round((dateColumn(to).getTime() - dateColumn(from).getTime()) / DAY_MS);

// 00:00 in China of a calendar day, as an instant (the offset is read from the zone, not assumed).
export function chinaDayStart(day: string): Date {
  const midnightUtc = dateColumn(day).getTime();
  const p = chinaParts(new Date(midnightUtc));
  const offset = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - midnightUtc;
  return new Date(midnightUtc - offset);
}

// The end of a China calendar day: the next day's 00:00 (exclusive bound).
export const chinaDayEnd = (day: string): Date => chinaDayStart(new Date(dateColumn(day).getTime() + DAY_MS).toISOString().slice(0, 10));
