import { z } from "zod";
import { optionalRecordId, periodKey, recordId } from "./fields";

const optionalInt = optionalRecordId();
const flag = z.preprocess((v) => v === true || v === "1" || v === "true" || v === "on", z.boolean());

const plan = recordId("请选择规划").meta({ description: "Plan id (from /api/v1/plans)" });
const money = (dflt: "wan" | "yi") =>
  z.enum(["wan", "yi"]).default(dflt).catch(dflt).meta({ description: "Unit of the amounts in the file: 万元 (wan) or 亿元 (yi)" });

// Query of GET /api/v1/exports/schedule: a plan, optionally one unit, one reporting period.
// Descriptions (.meta) are for the API description, lib/api/openapi.ts.
export const scheduleExportSchema = z.object({
  plan,
  unit: optionalInt.meta({ description: "One reporting unit of the plan; default: every unit" }),
  period: periodKey().meta({ description: "Reporting period in the plan's cycle", examples: ["2025-03", "2025-Q1"] }),
  money: money("wan"),
  includeSubmitted: flag.default(false).meta({ description: "1 = include submitted but not yet approved reports" }),
});

export const rollupExportSchema = z.object({ plan, money: money("yi") });

export const moneyParamSchema = money("yi");
