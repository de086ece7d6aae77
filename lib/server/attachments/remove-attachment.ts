import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { attachmentRemoveSchema } from "@/lib/schemas/attachment";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { authorize } from "@/lib/server/auth/authorize";
import { operation } from "@/lib/server/operation";
import { auditText } from "./attach";
import { lockOwner, type AttachmentOwner } from "./owner";
import { attachmentStorage } from "./storage";

// Removes an attachment (DELETE /api/v1/attachments/{id}): whoever may edit its report (while the
// report may change: lockOwner) or its milestone. The row stays, marked deleted, with the audit
// trail naming the file; the bytes are deleted (a photo removed by mistake, e.g. with people in it,
// must not linger). The role check is the owner's right (report.write or milestone.write), in the body.
export const removeAttachment = operation({
  permission: "plan.read",
  input: attachmentRemoveSchema,
  async run(actor, { id }) {
    const found = await db.attachment.findUnique({ where: { id }, select: { reportId: true, milestoneId: true, deletedAt: true } });
    if (!found || found.deletedAt) throw new AppError("NOT_FOUND", "附件不存在或已被删除。");
    const owner: AttachmentOwner = found.reportId !== null ? { reportId: found.reportId } : { milestoneId: found.milestoneId! };
    if ("reportId" in owner) await authorize(actor, "report.write", { report: owner.reportId });
    else await authorize(actor, "milestone.write", { milestone: owner.milestoneId });
    const storage = attachmentStorage();
    const removed = await db.$transaction(async (tx) => {
      const o = await lockOwner(tx, owner);
      const done = await tx.attachment.updateMany({ where: { id, deletedAt: null }, data: { deletedAt: new Date(), deletedById: actor.id } });
      if (done.count === 0) throw new AppError("CONFLICT", "该附件已被他人删除，请刷新页面。");
      const a = await tx.attachment.findUniqueOrThrow({ where: { id } });
      if (storage.transactional) for (const key of [a.storageKey, a.thumbKey]) if (key) await storage.delete(key, tx);
      await recordAudit(tx, {
        actorId: actor.id,
        action: "attachment.remove",
        entityType: o.entityType,
        entityId: o.entityId,
        planId: o.planId,
        unitId: o.unitId,
        entityVersion: o.entityVersion,
        changes: [{ field: "attachment", old: auditText(a), new: null }],
      });
      return a;
    });
    if (!storage.transactional) for (const key of [removed.storageKey, removed.thumbKey]) if (key) await storage.delete(key).catch(() => undefined);
    return { id, removed: true };
  },
});
