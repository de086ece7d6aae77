import { z } from "zod";
import { reviewDecisionSchema } from "./review-decision";
import { DAY_MESSAGE, isDayInRange, nullableRecordId, recordId } from "./fields";
import { amountSchema, moneyFitsColumns, moneyUnitSchema } from "./money";

export const year = z.preprocess(
  (v) => (v === "" || v === null || v === undefined ? null : v),
  z.coerce.number({ message: "请输入年份" }).int("请输入整数年份").min(1990, "年份不能早于 1990").max(2100, "年份不能晚于 2100").nullable(),
);

// Editing a project's facts: directly by the plan office (update-project.ts, reason required) or as a
// county officer's 调整申请 (request-project-change.ts); one form for both. Descriptions (.meta) are
// for the API description, lib/api/openapi.ts.
export const projectUpdateSchema = z
  .object({
    id: recordId(),
    version: recordId().meta({ description: "The project's version the change is based on (optimistic locking)" }),
    name: z.string().trim().min(1, "请输入项目名称").max(500, "项目名称不能超过 500 字").meta({ description: "项目名称" }),
    owner: z.string().trim().max(200, "建设单位不能超过 200 字").meta({ description: "建设单位" }),
    startYear: year.meta({ description: "建设周期 start year; null = not given" }),
    endYear: year.meta({ description: "建设周期 end year; null = not given" }),
    totalInvestment: amountSchema.meta({ description: '总投资: a non-negative decimal string in moneyUnit; "" = unknown' }),
    moneyUnit: moneyUnitSchema.meta({ description: "Unit of totalInvestment: 万元 (wan) or 亿元 (yi)" }),
    // Reporting unit ("" = none, plan level) and category of the project within its plan.
    unitId: nullableRecordId("请选择填报单位").meta({ description: "Reporting unit of the plan; null = none (plan level)" }),
    sectionId: recordId("请选择类别").meta({ description: "专栏/类别 of the plan" }),
    status: z.enum(["PREPARATION", "CONSTRUCTION", "COMPLETED", "IN_USE"], { message: "请选择状态" }),
    reason: z
      .string()
      .trim()
      .max(500, "说明不能超过 500 字")
      .meta({ description: "Why (e.g. the approval behind it): required for a direct change, a 调整申请 and a manual status change" }),
    // 调整申请 only: the approval document behind the change, if any.
    docNumber: z.string().trim().max(100, "批复文号不能超过 100 字").default("").meta({ description: "批复文号 (调整申请 only)" }),
    docDate: z
      .string()
      .trim()
      .default("")
      .refine((s) => s === "" || isDayInRange(s), DAY_MESSAGE)
      .meta({ description: "批复日期 YYYY-MM-DD (调整申请 only)" }),
  })
  .refine((v) => v.startYear === null || v.endYear === null || v.startYear <= v.endYear, { path: ["endYear"], message: "完工年份不能早于开工年份" })
  .superRefine(moneyFitsColumns(["totalInvestment"]));

export type ProjectUpdateInput = z.input<typeof projectUpdateSchema>;

export const changeRequestReviewSchema = reviewDecisionSchema();
