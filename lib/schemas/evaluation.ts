import { z } from "zod";
import { EVALUATION_STAGES } from "@/lib/evaluation";
import { recordId, yearNumber } from "./fields";

// Query of GET /api/v1/exports/evaluation: a plan and the stage of its 评估报告 (lib/evaluation.ts).
// Descriptions (.meta) are for the API description, lib/api/openapi.ts.
export const evaluationExportSchema = z
  .object({
    plan: recordId("请选择规划").meta({ description: "Plan id (from /api/v1/plans)" }),
    stage: z.enum(EVALUATION_STAGES, { message: "请选择评估类型：年度（year）、中期（mid）或终期（final）" }).meta({
      description:
        "year = 年度评估 of the given year; mid = 中期评估 as of the middle year of the plan period (2023 of 2021–2025); final = 终期评估 as of its last year",
    }),
    year: z
      .preprocess((v) => (v === "" || v === null ? undefined : v), yearNumber().optional())
      .meta({ description: "The year of a 年度评估 (required with stage=year, ignored otherwise): within the plan period and not in the future" }),
  })
  .superRefine((v, ctx) => {
    if (v.stage === "year" && v.year === undefined) ctx.addIssue({ code: "custom", path: ["year"], message: "年度评估请选择年份" });
  });
export type EvaluationExportInput = z.input<typeof evaluationExportSchema>;
