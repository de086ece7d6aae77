import { z } from "zod";
import { recordId } from "./fields";
import { orderSchema } from "./unit";

// 专栏 and categories of a plan (lib/server/sections/*). A 专栏 carries its number ("专栏3").
const number = z.string().trim().max(20, "编号不能超过 20 字").default("");
const title = z.string().trim().min(1, "请输入名称").max(100, "名称不能超过 100 字");
const numbered = (v: { kind?: string; number: string }) => v.kind !== "COLUMN" || v.number !== "";
const numberRule = { path: ["number"], message: "专栏须填写编号，如“专栏3”" };

export const sectionCreateSchema = z
  .object({ planId: recordId(), kind: z.enum(["CATEGORY", "COLUMN"], { message: "请选择类型" }), number, title })
  .refine(numbered, numberRule);

export const sectionUpdateSchema = z.object({
  id: recordId(),
  version: recordId(),
  number,
  title,
  reason: z.string().trim().max(500, "说明不能超过 500 字").default(""),
});

export const sectionReorderSchema = orderSchema;

export type SectionCreateInput = z.input<typeof sectionCreateSchema>;
export type SectionUpdateInput = z.input<typeof sectionUpdateSchema>;
