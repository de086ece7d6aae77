import { z } from "zod";
import { recordId } from "./fields";

export const apiTokenIssueSchema = z.object({
  name: z.string().trim().min(1, "请输入令牌名称（用途）").max(60, "名称不能超过 60 字"),
});

export const apiTokenRevokeSchema = z.object({ id: recordId() });
