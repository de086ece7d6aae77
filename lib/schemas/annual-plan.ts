import { z } from "zod";
import { reviewDecisionSchema } from "./review-decision";
import { optionalRecordId, recordId, yearNumber } from "./fields";
import { amountSchema, moneyFitsColumns, moneyUnitSchema } from "./money";

const id = recordId();
const year = yearNumber();
const version = optionalRecordId();
const required = amountSchema.refine((s) => s !== "", "请填写年度计划投资");

// An officer's 年度计划投资 proposal on its own (propose-annual-plan.ts and its form).
const proposeFields = z.object({ projectId: id, year, amount: required, moneyUnit: moneyUnitSchema, version });
export const annualPlanProposeSchema = proposeFields.superRefine(moneyFitsColumns(["amount"]));
export type AnnualPlanProposeInput = z.input<typeof annualPlanProposeSchema>;

// The plan office or finance sets (下达) the official figure directly, with a reason.
export const annualPlanSetSchema = proposeFields
  .extend({ reason: z.string().trim().min(1, "请填写下达依据或说明").max(500, "说明不能超过 500 字") })
  .superRefine(moneyFitsColumns(["amount"]));
export type AnnualPlanSetInput = z.input<typeof annualPlanSetSchema>;

export const annualPlanReviewSchema = reviewDecisionSchema();
