import { z } from "zod";

export const importUploadSchema = z.object({
  planId: z.coerce.number({ message: "请选择要导入的规划" }).int().positive("请选择要导入的规划").meta({ description: "The plan the list is imported into" }),
  fileName: z.string().trim().min(1, "请选择要导入的文件").max(255, "文件名太长"),
});

export const importCommitSchema = z.object({ batchId: z.coerce.number().int().positive() });

export const IMPORT_STATES = ["all", "new", "changed", "unchanged", "rejected"] as const;
export const importViewSchema = z.object({
  id: z.coerce.number().int().positive(),
  state: z.enum(IMPORT_STATES).default("all").catch("all"),
  page: z.coerce.number().int().min(1).default(1).catch(1),
});
