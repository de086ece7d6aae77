import { z } from "zod";

const optionalInt = z.preprocess((v) => (v === "" || v === undefined || v === null ? undefined : v), z.coerce.number().int().positive().optional());
const flag = z.preprocess((v) => v === true || v === "1" || v === "true" || v === "on", z.boolean());

// Query of GET /api/v1/exports/schedule: a plan, optionally one unit, one reporting period.
export const scheduleExportSchema = z.object({
  plan: z.coerce.number({ message: "请选择规划" }).int().positive("请选择规划"),
  unit: optionalInt,
  period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$/, "报告期格式不正确，应为 2025-03 或 2025-Q1"),
  money: z.enum(["wan", "yi"]).default("wan").catch("wan"),
  includeSubmitted: flag.default(false),
});

export const rollupExportSchema = z.object({
  plan: z.coerce.number({ message: "请选择规划" }).int().positive("请选择规划"),
  money: z.enum(["wan", "yi"]).default("yi").catch("yi"),
});

export const moneyParamSchema = z.enum(["wan", "yi"]).default("yi").catch("yi");
