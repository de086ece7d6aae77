import { z } from "zod";
import { zhPlans } from "@/lib/i18n/zh-CN-plans";
import { moneyUnitSchema } from "./money";
import { nullableRecordId, recordId, yearNumber } from "./fields";

// Creating and archiving a plan (lib/server/plans/create-plan.ts, archive-plan.ts); the pieces here
// are shared with the settings form (plan-settings.ts). Ids and texts are checked to the columns' limits.
const E = zhPlans.errors;

const optionalId = nullableRecordId();

export const planLevelSchema = z.enum(["PROVINCE", "CITY", "PREFECTURE", "DISTRICT"], { message: "请选择层级" });
export const regionLevelSchema = z.enum(["PROVINCE", "PREFECTURE", "CITY", "COUNTY"], { message: "请选择地区级别" });
export const reportingCycleSchema = z.enum(["MONTHLY", "QUARTERLY"], { message: "请选择填报周期" });
export const planTitleSchema = z.string().trim().min(1, "请输入规划名称").max(200, "规划名称不能超过 200 字");
export const planYearSchema = yearNumber();

// The plan document travels base64-encoded inside the form's server action, whose body Next caps at
// 1 MB: 700 KB of file is 933 KB of base64, which leaves room for the other fields.
export const PLAN_DOCUMENT_MAX_BYTES = 700 * 1024;
export const planDocumentSchema = z
  .object({
    fileName: z
      .string()
      .trim()
      .min(1, "请选择文件")
      .max(255, "文件名不能超过 255 字")
      .regex(/\.(txt|docx)$/i, "请上传 .txt 或 .docx 文件"),
    content: z
      .base64("文件内容无效")
      .max(Math.ceil(PLAN_DOCUMENT_MAX_BYTES / 3) * 4, zhPlans.form.tooLarge)
      .meta({ description: "The file's bytes, base64" }),
  })
  .meta({ description: "The plan document: a .txt (UTF-8 or GB18030) or .docx; its text is kept with the plan" });

export const planCreateSchema = z
  .object({
    title: planTitleSchema.meta({ description: "规划名称" }),
    level: planLevelSchema,
    regionId: optionalId.meta({ description: "An existing region; null to create one from regionName and regionLevel" }),
    regionName: z.string().trim().max(100, "地区名称不能超过 100 字").default("").meta({ description: "A new region's name (when regionId is null)" }),
    regionLevel: regionLevelSchema.nullish().meta({ description: "A new region's level (when regionId is null)" }),
    periodStart: planYearSchema.meta({ description: "First year of the plan period, e.g. 2026" }),
    periodEnd: planYearSchema.meta({ description: "Last year of the plan period, e.g. 2030" }),
    reportingCycle: reportingCycleSchema,
    moneyUnit: moneyUnitSchema.meta({ description: "The money unit the plan's screens show first" }),
    document: planDocumentSchema.nullish(),
  })
  .refine((v) => v.periodStart <= v.periodEnd, { path: ["periodEnd"], message: E.periodOrder })
  .refine((v) => v.regionId !== null || v.regionName !== "", { path: ["regionId"], message: E.regionMissing })
  .refine((v) => v.regionId === null || v.regionName === "", { path: ["regionName"], message: E.regionBoth })
  .refine((v) => v.regionId !== null || !!v.regionLevel, { path: ["regionLevel"], message: E.regionLevelMissing });

export const planArchiveSchema = z.object({
  id: recordId(),
  version: recordId(),
  archived: z.boolean(),
  reason: z.string().trim().min(1, "请填写原因").max(500, "原因不能超过 500 字"),
});

export type PlanCreateInput = z.input<typeof planCreateSchema>;
export type PlanDocumentInput = z.input<typeof planDocumentSchema>;
