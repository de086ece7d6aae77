import { z } from "zod";

import { recordId } from "./fields";

const id = recordId();

// A reviewer's decision on submitted items (reports, annual plans, 调整申请, 入库申报), as the version each
// was seen in: approve, or return with a comment. One rule for every desk queue.
export const reviewDecisionSchema = (nothingPicked = "请至少选择一项") =>
  z
    .object({
      items: z
        .array(z.object({ id, version: id }))
        .min(1, nothingPicked)
        .max(500),
      decision: z.enum(["APPROVE", "RETURN"], { message: "请选择审核结果" }),
      comment: z.string().trim().max(500, "意见不能超过 500 字").default(""),
    })
    .refine((v) => v.decision !== "RETURN" || v.comment.length > 0, { path: ["comment"], message: "退回时请填写退回意见" });
