import { z } from "zod";
import { reviewDecisionSchema } from "./review-decision";
import { amountSchema, moneyUnitSchema } from "./money";

const id = z.coerce.number().int().positive().max(2147483647);
const year = z.coerce.number({ message: "请选择年度" }).int("请选择年度").min(2000, "年度不能早于 2000").max(2100, "年度不能晚于 2100");
const version = z.preprocess((v) => (v === "" || v === null ? undefined : v), id.optional());
const required = amountSchema.refine((s) => s !== "", "请填写年度计划投资");

// An officer's 年度计划投资 proposal on its own (propose-annual-plan.ts and its form).
export const annualPlanProposeSchema = z.object({ projectId: id, year, amount: required, moneyUnit: moneyUnitSchema, version });
export type AnnualPlanProposeInput = z.input<typeof annualPlanProposeSchema>;

// The plan office or finance sets (下达) the official figure directly, with a reason.
export const annualPlanSetSchema = annualPlanProposeSchema.extend({
  reason: z.string().trim().min(1, "请填写下达依据或说明").max(500, "说明不能超过 500 字"),
});
export type AnnualPlanSetInput = z.input<typeof annualPlanSetSchema>;

export const annualPlanReviewSchema = reviewDecisionSchema();
