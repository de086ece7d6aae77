import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { ATTACHMENT_MAX_FILES } from "@/lib/schemas/attachment";
import type { SessionUser } from "@/lib/server/auth/current-user";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { lockOwner, type AttachmentOwner } from "./owner";
import { processUpload } from "./process-upload";
import { attachmentStorage } from "./storage";

// How an attachment is named in the audit trail: 照片「现场.jpg」（1.2 MB）.
export const auditText = (a: { kind: string; fileName: string; byteSize: number }) =>
  `${a.kind === "PHOTO" ? "照片" : "文件"}「${a.fileName}」（${formatSize(a.byteSize)}）`;
export const formatSize = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

// The one way a file is attached (add-report-attachment.ts, add-milestone-attachment.ts, after their
// authorisation): checked and re-encoded first, outside any lock; then in one transaction the owner
// is locked and checked, its files counted against the limit, the bytes and the row written and the
// addition audited. Any refusal stores nothing.
export async function attach(actor: SessionUser, owner: AttachmentOwner, fileName: string, input: Uint8Array) {
  const file = await processUpload(fileName, input);
  const storage = attachmentStorage();
  const key = `att/${randomUUID()}`;
  const thumbKey = file.thumb ? `${key}.thumb` : null;
  const putAll = async (tx?: Parameters<typeof storage.put>[2]) => {
    await storage.put(key, file.bytes, tx);
    if (thumbKey) await storage.put(thumbKey, file.thumb!, tx);
  };
  if (!storage.transactional) await putAll();
  try {
    return await db.$transaction(async (tx) => {
      const o = await lockOwner(tx, owner);
      const count = await tx.attachment.count({ where: { ...o.where, deletedAt: null } });
      if (count >= ATTACHMENT_MAX_FILES)
        throw new AppError(
          "VALIDATION",
          `附件已达上限：每${o.entityType === "Milestone" ? "个节点" : "份报告"}最多 ${ATTACHMENT_MAX_FILES} 个，请先删除不需要的再上传。`,
        );
      if (storage.transactional) await putAll(tx);
      const row = await tx.attachment.create({
        data: {
          projectId: o.projectId,
          ...o.where,
          kind: file.kind,
          fileName: file.fileName,
          contentType: file.contentType,
          byteSize: file.bytes.byteLength,
          sha256: file.sha256,
          width: file.width,
          height: file.height,
          storageKey: key,
          thumbKey,
          createdById: actor.id,
        },
        select: { id: true, kind: true, fileName: true, contentType: true, byteSize: true, width: true, height: true, createdAt: true },
      });
      await recordAudit(tx, {
        actorId: actor.id,
        action: "attachment.add",
        entityType: o.entityType,
        entityId: o.entityId,
        planId: o.planId,
        unitId: o.unitId,
        entityVersion: o.entityVersion,
        changes: [{ field: "attachment", old: null, new: auditText(row) }],
      });
      return { ...row, createdAt: row.createdAt.toISOString(), count: count + 1 };
    });
  } catch (e) {
    if (!storage.transactional) await Promise.all([key, thumbKey].filter((k) => k !== null).map((k) => storage.delete(k).catch(() => undefined)));
    throw e;
  }
}
