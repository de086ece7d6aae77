import "./zod-locale"; // zod's messages in Chinese, wherever schemas are used
import { z } from "zod";
import { isCalendarDay } from "@/lib/dates";

// The field rules every schema shares, each checked against what its column holds, so a value the
// database cannot store is a 400 with a message at the door, never a 500 inside (#13.6). Forms,
// server actions, route handlers, page query strings (proxy.ts) and imports all use these.

// PostgreSQL INTEGER: ids and versions are 1 … 2³¹ − 1.
export const MAX_INT = 2147483647;
const blank = (v: unknown) => v === "" || v === null || v === undefined;

// A record id (or a version number) from a form, a path or a query string: digits only as text
// ("1e3", "0x10", " 7.0" are not ids), a whole number as JSON.
export const recordId = (message = "编号无效") =>
  z.preprocess(
    (v) => (typeof v === "string" && !/^\d{1,10}$/.test(v.trim()) ? NaN : v),
    z.coerce.number({ message }).int(message).min(1, message).max(MAX_INT, message),
  );
export const optionalRecordId = (message?: string) => z.preprocess((v) => (blank(v) ? undefined : v), recordId(message).optional());
export const nullableRecordId = (message?: string) => z.preprocess((v) => (blank(v) ? null : v), recordId(message).nullable());

// A page number of a list: out of range or not a number is the first page (links are shared and edited by hand).
export const pageNumber = z.coerce.number().int().min(1).max(100_000).default(1).catch(1);

// Calendar days the app stores (DATE columns) or filters by: real days only (2025-02-30 is refused,
// not rolled over to March), in the years the app deals with.
export const MIN_DAY = "1990-01-01";
export const MAX_DAY = "2100-12-31";
export const isDayInRange = (s: string) => isCalendarDay(s) && s >= MIN_DAY && s <= MAX_DAY;
export const DAY_MESSAGE = "请填写有效日期，如 2026-03-15";
export const calendarDay = (message = DAY_MESSAGE) => z.string().trim().refine(isDayInRange, message);
// "" / null / absent = no date.
export const optionalDay = (message = DAY_MESSAGE) => z.preprocess((v) => (blank(v) ? null : v), calendarDay(message).nullable());

// A reporting period key: 2025-03 (monthly) or 2025-Q1 (quarterly), years 2000–2100. Whether it is in
// the plan's own cycle is the operation's check (lib/periods.ts).
export const PERIOD_PATTERN = /^(20\d\d|2100)-(0[1-9]|1[0-2]|Q[1-4])$/;
export const PERIOD_MESSAGE = "期次格式不正确，应为 2025-03（月报）或 2025-Q1（季报）";
export const periodKey = (message = PERIOD_MESSAGE) => z.string().trim().regex(PERIOD_PATTERN, message);
export const optionalPeriod = (message = PERIOD_MESSAGE) => z.preprocess((v) => (blank(v) ? undefined : v), periodKey(message).optional());

// A plan year (plan periods, annual plans, build periods).
export const yearNumber = (min = 2000, max = 2100) =>
  z.coerce.number({ message: "请输入年份" }).int("请输入整数年份").min(min, `年份不能早于 ${min}`).max(max, `年份不能晚于 ${max}`);
