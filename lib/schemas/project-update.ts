import { z } from "zod";
import { amountSchema, moneyUnitSchema } from "./money";

const year = z.preprocess(
  (v) => (v === "" || v === null || v === undefined ? null : v),
  z.coerce.number({ message: "请输入年份" }).int("请输入整数年份").min(1990, "年份不能早于 1990").max(2100, "年份不能晚于 2100").nullable(),
);

// Editing a project's facts (update-project.ts and the edit form).
export const projectUpdateSchema = z
  .object({
    id: z.coerce.number().int().positive(),
    version: z.coerce.number().int().positive(),
    name: z.string().trim().min(1, "请输入项目名称").max(500, "项目名称不能超过 500 字"),
    owner: z.string().trim().max(200, "建设单位不能超过 200 字"),
    startYear: year,
    endYear: year,
    totalInvestment: amountSchema,
    moneyUnit: moneyUnitSchema,
    status: z.enum(["PREPARATION", "CONSTRUCTION", "COMPLETED", "IN_USE"], { message: "请选择状态" }),
    reason: z.string().trim().max(500, "说明不能超过 500 字"),
  })
  .refine((v) => v.startYear === null || v.endYear === null || v.startYear <= v.endYear, { path: ["endYear"], message: "完工年份不能早于开工年份" });

export type ProjectUpdateInput = z.input<typeof projectUpdateSchema>;
