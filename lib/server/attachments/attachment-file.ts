import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { attachmentFileSchema } from "@/lib/schemas/attachment";
import { authorize } from "@/lib/server/auth/authorize";
import { operation } from "@/lib/server/operation";
import { attachmentStorage } from "./storage";

export type AttachmentFile = { bytes: Buffer; contentType: string; fileName: string; inline: boolean };

// One attachment's bytes (GET /api/v1/attachments/{id}), for whoever may read its project. Only the
// types this app wrote itself are ever served: photos it re-encoded (shown inline) and PDFs (always a
// download); attachment-response.ts adds nosniff and a sandboxing CSP.
export const attachmentFile = operation({
  permission: "plan.read",
  input: attachmentFileSchema,
  async run(actor, { id, size }): Promise<AttachmentFile> {
    const a = await db.attachment.findUnique({ where: { id }, include: { project: { select: { id: true, deletedAt: true } } } });
    if (!a || a.deletedAt || a.project.deletedAt) throw new AppError("NOT_FOUND", "附件不存在或已被删除。");
    await authorize(actor, "plan.read", { project: a.projectId });
    const thumb = size === "thumb" && a.thumbKey !== null;
    const bytes = await attachmentStorage().get(thumb ? a.thumbKey! : a.storageKey);
    if (!bytes) throw new AppError("NOT_FOUND", "附件内容已不存在。");
    const photo = a.kind === "PHOTO" && (a.contentType === "image/jpeg" || a.contentType === "image/png");
    return {
      bytes,
      contentType: thumb ? "image/jpeg" : photo ? a.contentType : "application/pdf",
      fileName: thumb ? a.fileName.replace(/\.\w+$/, "-缩略图.jpg") : a.fileName,
      inline: photo,
    };
  },
});
