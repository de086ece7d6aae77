import "server-only";
import { milestoneAttachmentAddSchema } from "@/lib/schemas/attachment";
import { authorize } from "@/lib/server/auth/authorize";
import { operation } from "@/lib/server/operation";
import { attach } from "./attach";

// Attaches one scan (PDF) or photo to a milestone, e.g. the 批复文件 behind 立项 / 可研 / 初设 / 施工许可
// (POST /api/v1/milestones/{id}/attachments): whoever may edit the project's milestones.
export const addMilestoneAttachment = operation({
  permission: "milestone.write",
  input: milestoneAttachmentAddSchema,
  async run(actor, v) {
    await authorize(actor, "milestone.write", { milestone: v.milestoneId });
    return attach(actor, { milestoneId: v.milestoneId }, v.fileName, v.bytes);
  },
});
