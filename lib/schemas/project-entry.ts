import { Decimal } from "decimal.js";
import { z } from "zod";
import { zhPortfolio } from "@/lib/i18n/zh-CN-portfolio";
import { UNIT_LABEL } from "@/lib/money";
import { optionalPeriod, recordId } from "./fields";
import { amountSchema, fitsMoneyColumn, MONEY_COLUMN_MESSAGE, moneyUnitSchema } from "./money";
import { changeRequestReviewSchema, year } from "./project-update";

// A project added by hand (create-project.ts, POST /api/v1/projects) and the edit of one not yet
// admitted (resubmit-project.ts): one form for both. Descriptions (.meta) are for the API description.
const id = recordId;
const requiredYear = (label: string) => year.pipe(z.number({ message: `请填写${label}` }));
const amount = (description: string) =>
  amountSchema.default("").meta({ description: `${description}: a non-negative decimal string in moneyUnit; "" = not given` });

export const FUNDING_FIELDS = ["fundingCentral", "fundingProvincial", "fundingLocal", "fundingSpecialBond", "fundingSelf"] as const;
const MONEY_FIELDS = ["totalInvestment", ...FUNDING_FIELDS] as const;

const entryFields = z.object({
  planId: id("请选择规划").meta({ description: "The plan (not archived)" }),
  unitId: id("请选择填报单位").meta({ description: "Reporting unit of the plan (not retired); county officers: one of their own" }),
  sectionId: id("请选择类别").meta({ description: "专栏/类别 of the plan" }),
  parentId: z
    .preprocess((v) => (v === "" || v === null || v === undefined ? null : v), id("请选择打包项目").nullable())
    .meta({
      description: "Bundle line (top-level PROJECT of the same plan and unit) this is a sub-project of; null = standalone. A sub-project carries no money",
    }),
  name: z.string().trim().min(1, "请输入项目名称").max(500, "项目名称不能超过 500 字").meta({ description: "项目名称" }),
  owner: z.string().trim().min(1, "请填写建设单位").max(200, "建设单位不能超过 200 字").meta({ description: "建设单位" }),
  nature: z.enum(["NEW", "EXPANSION", "CONTINUED"], { message: "请选择建设性质" }).meta({ description: "建设性质: 新建 / 改扩建 / 续建" }),
  startYear: requiredYear("开工年份").meta({ description: "建设周期 start year" }),
  endYear: requiredYear("完工年份").meta({ description: "建设周期 end year" }),
  totalInvestment: amount("总投资 (required for a standalone project or bundle line, empty for a sub-project)"),
  moneyUnit: moneyUnitSchema.meta({ description: "Unit of every amount: 万元 (wan) or 亿元 (yi)" }),
  fundingCentral: amount("资金筹措计划 中央"),
  fundingProvincial: amount("资金筹措计划 省级"),
  fundingLocal: amount("资金筹措计划 市县"),
  fundingSpecialBond: amount("资金筹措计划 专项债"),
  fundingSelf: amount("资金筹措计划 自筹"),
  scope: z.string().trim().min(1, "请填写建设内容及规模").max(2000, "建设内容及规模不能超过 2000 字").meta({ description: "建设内容及规模" }),
  approvalCode: z
    .string()
    .trim()
    .max(50, "项目代码不能超过 50 个字符")
    .refine((s) => s === "" || /^[0-9A-Za-z][0-9A-Za-z-]*$/.test(s), "项目代码只能包含数字、字母和连字符")
    .default("")
    .meta({ description: '项目代码 of the investment approval platform; "" = not yet assigned' }),
});

function rules(v: z.infer<typeof entryFields>, ctx: z.RefinementCtx) {
  if (v.startYear > v.endYear) ctx.addIssue({ code: "custom", path: ["endYear"], message: "完工年份不能早于开工年份" });
  for (const f of MONEY_FIELDS) {
    if (!/^\d+(\.\d+)?$/.test(v[f] ?? "")) continue; // empty, or refused by amountSchema already
    if (v.parentId !== null) ctx.addIssue({ code: "custom", path: [f], message: "子项目的投资计入打包项目，不单独填写" });
    else if (!fitsMoneyColumn(v[f], v.moneyUnit)) ctx.addIssue({ code: "custom", path: [f], message: MONEY_COLUMN_MESSAGE });
  }
  if (v.parentId === null && v.totalInvestment === "") ctx.addIssue({ code: "custom", path: ["totalInvestment"], message: "请填写总投资" });
}

export const projectEntrySchema = entryFields.superRefine(rules);
export type ProjectEntryInput = z.input<typeof projectEntrySchema>;
export type ProjectEntry = z.infer<typeof projectEntrySchema>;

export const projectEntryEditSchema = entryFields
  .extend({ id: recordId(), version: recordId().meta({ description: "The project's version the edit is based on (optimistic locking)" }) })
  .superRefine(rules);
export type ProjectEntryEditInput = z.input<typeof projectEntryEditSchema>;

// 入库 review of entered projects: the desk's approve / return, like every other queue.
export const projectAdmitSchema = changeRequestReviewSchema;

// 调出/取消: the project leaves the plan's official figures from effectivePeriod on ("" = the current period).
export const withdrawalRequestSchema = z.object({
  projectId: recordId(),
  version: recordId(),
  effectivePeriod: optionalPeriod().transform((p) => p ?? ""),
  reason: z.string().trim().min(1, "请说明调出原因").max(500, "原因不能超过 500 字"),
});
export type WithdrawalRequestInput = z.input<typeof withdrawalRequestSchema>;

// A warning, not a refusal: the funding sources typed do not add up to the total.
export function fundingMismatch(v: { totalInvestment?: string; moneyUnit?: string } & Partial<Record<(typeof FUNDING_FIELDS)[number], string>>): string | null {
  const clean = (s: string | undefined) => (s ?? "").trim().replace(/,/g, "");
  const isAmount = (s: string) => /^\d+(\.\d+)?$/.test(s);
  const total = clean(v.totalInvestment);
  const sources = FUNDING_FIELDS.map((f) => clean(v[f])).filter(isAmount);
  if (!isAmount(total) || sources.length === 0) return null;
  const sum = sources.reduce((a, s) => a.plus(s), new Decimal(0));
  if (sum.eq(total)) return null;
  return zhPortfolio.fundingMismatch(sum.toFixed(), new Decimal(total).toFixed(), UNIT_LABEL[v.moneyUnit === "yi" ? "yi" : "wan"]);
}
