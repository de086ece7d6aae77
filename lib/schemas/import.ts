import { z } from "zod";
import { pageNumber, recordId } from "./fields";

export const importUploadSchema = z.object({
  planId: recordId("请选择要导入的规划").meta({ description: "The plan the list is imported into" }),
  fileName: z.string().trim().min(1, "请选择要导入的文件").max(255, "文件名太长"),
});

export const importCommitSchema = z.object({ batchId: recordId() });

export const IMPORT_STATES = ["all", "new", "changed", "unchanged", "rejected"] as const;
export const importViewSchema = z.object({
  id: recordId(),
  state: z.enum(IMPORT_STATES).default("all").catch("all"),
  page: pageNumber,
});
