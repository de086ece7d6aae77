import { z } from "zod";
import { reviewDecisionSchema } from "./review-decision";
import { optionalRecordId, periodKey, recordId } from "./fields";
import { amountSchema, moneyFitsColumns, moneyUnitSchema } from "./money";

// Descriptions (.meta) are for the API description, lib/api/openapi.ts.
const text = (max: number, label: string, description = label) => z.string().trim().max(max, `${label}不能超过 ${max} 字`).default("").meta({ description });
const amount = (label: string) => amountSchema.default("").meta({ description: `${label}: a non-negative decimal string in moneyUnit; "" = not given` });

// One project's report for one period (save-report.ts, the report form and each grid row).
export const REPORT_AMOUNTS = ["completedAmount", "annualPlan", "fundsCentral", "fundsProvincial", "fundsLocal", "fundsSpecialBond", "fundsSelf"] as const;
export const reportSaveSchema = z
  .object({
    projectId: recordId(),
    period: periodKey().meta({ description: "Reporting period in the plan's cycle", examples: ["2025-03", "2025-Q1"] }),
    // Version of the period's current report the form was based on; absent for a first report.
    version: optionalRecordId().meta({ description: "Version of the period's current report, when one exists (optimistic locking)" }),
    moneyUnit: moneyUnitSchema.meta({ description: "Unit of every amount in the request: 万元 (wan) or 亿元 (yi)" }),
    completedAmount: amountSchema
      .refine((s) => s !== "", "请填写本期完成投资（没有完成请填 0）")
      .meta({ description: "本期完成投资: a non-negative decimal string in moneyUnit (0 when nothing was done)" }),
    annualPlan: amount("年度计划投资 of the period's year (a proposal until reviewed)"),
    fundsCentral: amount("到位资金 中央"),
    fundsProvincial: amount("到位资金 省级"),
    fundsLocal: amount("到位资金 地方"),
    fundsSpecialBond: amount("到位资金 专项债"),
    fundsSelf: amount("到位资金 自筹"),
    progressPercent: z
      .string()
      .trim()
      .default("")
      .refine((s) => s === "" || (/^\d{1,3}(\.\d{1,2})?$/.test(s) && Number(s) <= 100), "形象进度请填 0–100 之间的数字")
      .meta({ description: "形象进度 in percent, 0–100, up to 2 decimals" }),
    progressText: text(1000, "形象进度说明"),
    problems: text(1000, "存在问题"),
    nextSteps: text(1000, "下步计划"),
    outOfPeriodReason: text(500, "说明", "说明: required for a period outside the project's build period"),
    correctionReason: text(500, "更正原因", "更正原因: required to correct an approved period"),
    submit: z.boolean().default(false).meta({ description: "true = submit for review (报送) after saving" }),
  })
  .superRefine(moneyFitsColumns(REPORT_AMOUNTS));
export type ReportSaveInput = z.input<typeof reportSaveSchema>;

export const reportSubmitSchema = z.object({ id: recordId(), version: recordId() });

export const reportReviewSchema = reviewDecisionSchema("请至少选择一份报告");
export type ReportReviewInput = z.input<typeof reportReviewSchema>;

// The fill-in grid (save-report-grid.ts): every edited row is saved as a draft, each row on its own;
// rows are parsed one by one with reportSaveSchema so each keeps its own errors.
export const reportGridSchema = z.object({
  period: periodKey(),
  rows: z.array(z.record(z.string(), z.unknown())).min(1, "没有要保存的行").max(500, "一次最多保存 500 行"),
});

// The grid's separate 提交 step (submit-report-grid.ts): the rows' reports at the versions the officer saw.
export const reportGridSubmitSchema = z.object({
  items: z
    .array(z.object({ id: recordId(), version: recordId() }))
    .min(1, "没有可提交的行")
    .max(500, "一次最多提交 500 行"),
});

// What each field of a report is called on screen: a grid cell's error names its column.
export const REPORT_FIELD_LABELS: Record<string, string> = {
  completedAmount: "本期完成投资",
  annualPlan: "年度计划投资",
  fundsCentral: "到位资金·中央",
  fundsProvincial: "到位资金·省级",
  fundsLocal: "到位资金·市县",
  fundsSpecialBond: "到位资金·专项债",
  fundsSelf: "到位资金·自筹",
  progressPercent: "形象进度%",
  progressText: "形象进度说明",
  problems: "存在问题",
  nextSteps: "下步计划",
  outOfPeriodReason: "超出建设期说明",
  correctionReason: "更正原因",
  period: "期次",
  version: "版本",
  projectId: "项目",
};
