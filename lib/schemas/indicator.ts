import { z } from "zod";
import { optionalRecordId, nullableRecordId, recordId, yearNumber } from "./fields";
import { reviewDecisionSchema } from "./review-decision";

const flag = z.preprocess((v) => v === true || v === "1" || v === "true", z.boolean());

// GET /api/v1/indicators, the 指标 page and the dashboard: a plan's indicators with their values and
// assessment as of a year (default: the latest year with an approved value).
export const indicatorListSchema = z.object({
  plan: recordId("请指定规划").meta({ description: "Plan id (from /api/v1/plans)" }),
  year: z
    .preprocess((v) => (v === "" || v === null ? undefined : v), yearNumber().optional())
    .meta({ description: "Assess as of this year; default: the latest year with an approved value" }),
  submitted: flag.default(false).meta({ description: "1 = include submitted but not yet approved values (then not official)" }),
});

// GET /api/v1/exports/indicators: the plan's indicators × years with the official values, the template
// the import reads back (layout indicatorValues).
export const indicatorExportSchema = z.object({
  plan: recordId("请指定规划").meta({ description: "Plan id (from /api/v1/plans)" }),
});

// A monitoring value as typed: an exact decimal that NUMERIC(18,4) holds (rates may fall below zero).
export const INDICATOR_VALUE_MESSAGE = "请输入数值（最多 14 位整数、4 位小数，可为负数）";
const indicatorNumber = z
  .string()
  .trim()
  .transform((s) => s.replace(/,/g, ""))
  .refine((s) => /^-?\d{1,14}(\.\d{1,4})?$/.test(s), INDICATOR_VALUE_MESSAGE);

// One value of one indicator for one year: the plan's region (unitId null) or a reporting unit's.
export const indicatorValueSaveSchema = z.object({
  indicatorId: recordId(),
  unitId: nullableRecordId("请选择填报单位"),
  year: yearNumber(2000, 2100),
  value: indicatorNumber,
  dataSource: z.string().trim().min(1, "请填写数据来源（如 统计年报、监测系统、抽样调查）").max(100, "数据来源不能超过 100 字"),
  note: z.string().trim().max(500, "说明不能超过 500 字").default(""),
  // The version of the year's current value the form was based on; absent for a first value.
  version: optionalRecordId(),
  correctionReason: z.string().trim().max(500, "更正原因不能超过 500 字").default(""),
});
export type IndicatorValueSaveInput = z.input<typeof indicatorValueSaveSchema>;

export const indicatorValueReviewSchema = reviewDecisionSchema("请至少选择一个指标值");

// A reviewer's judgement of a qualitative target (达到 / 未达到 / 无法评估) for a year.
export const indicatorJudgeSchema = z.object({
  indicatorId: recordId(),
  year: yearNumber(2000, 2100),
  result: z.enum(["MET", "NOT_MET", "NOT_ASSESSABLE"], { message: "请选择评估结论" }),
  reason: z.string().trim().min(1, "请填写判断依据").max(500, "判断依据不能超过 500 字"),
  version: optionalRecordId(),
});

// An indicator added by hand: texts as the plan prints them ("≥90", "78.60左右", "持续下降").
export const indicatorCreateSchema = z
  .object({
    planId: recordId("请选择规划"),
    category: z.string().trim().max(50, "领域不能超过 50 字").default(""),
    shortName: z.string().trim().min(1, "请填写指标名称").max(200, "指标名称不能超过 200 字"),
    unit: z.string().trim().max(20, "计量单位不能超过 20 字").default(""),
    attribute: z.enum(["EXPECTED", "BINDING"], { message: "请选择属性（预期性或约束性）" }),
    baselineYear: yearNumber(),
    baselineText: z.string().trim().max(50, "基期值不能超过 50 字").default(""),
    targetYear: yearNumber(),
    targetText: z.string().trim().min(1, "请填写目标值（按规划原文，如 ≥90、78.60左右、持续下降）").max(50, "目标值不能超过 50 字"),
    direction: z.enum(["HIGHER", "LOWER"]).nullable().default(null),
  })
  .refine((v) => v.targetYear > v.baselineYear, { path: ["targetYear"], message: "目标年份须晚于基期年份" });
export type IndicatorCreateInput = z.input<typeof indicatorCreateSchema>;

export const indicatorDirectionSchema = z.object({
  id: recordId(),
  version: recordId(),
  direction: z.enum(["HIGHER", "LOWER"], { message: "请选择越高越好或越低越好" }),
  reason: z.string().trim().max(500, "说明不能超过 500 字").default(""),
});
