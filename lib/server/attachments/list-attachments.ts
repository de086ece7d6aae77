import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { projectAttachmentsSchema, reportAttachmentsSchema } from "@/lib/schemas/attachment";
import { operation } from "@/lib/server/operation";

// Attachments as lists show them (never their bytes: those are in the storage, fetched one by one).
const SELECT = {
  id: true,
  kind: true,
  fileName: true,
  contentType: true,
  byteSize: true,
  width: true,
  height: true,
  createdAt: true,
  createdById: true,
  reportId: true,
  milestoneId: true,
  report: { select: { period: true, revision: true, status: true } },
  milestone: { select: { name: true, docNumber: true, docDate: true, sortOrder: true, deletedAt: true } },
} satisfies Prisma.AttachmentSelect;

export type AttachmentItem = Prisma.AttachmentGetPayload<{ select: typeof SELECT }> & { createdBy: string | null };

async function withUploaders(rows: Prisma.AttachmentGetPayload<{ select: typeof SELECT }>[]): Promise<AttachmentItem[]> {
  const users = await db.user.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.createdById))] } }, select: { id: true, displayName: true } });
  const name = new Map(users.map((u) => [u.id, u.displayName]));
  return rows.map((r) => ({ ...r, createdBy: name.get(r.createdById) ?? null }));
}

// A project's attachments: its reports' (every period, newest first) and its current milestones'.
export const projectAttachments = operation({
  permission: "plan.read",
  input: projectAttachmentsSchema,
  async run(_actor, { projectId }) {
    const rows = await db.attachment.findMany({
      where: { projectId, deletedAt: null, OR: [{ reportId: { not: null } }, { milestone: { deletedAt: null } }] },
      select: SELECT,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    });
    return withUploaders(rows);
  },
});

// The files a reviewer sees with a report revision: its own and those of the period's earlier
// revisions (a correction keeps the approved revision's photos in view).
export const reportAttachments = operation({
  permission: "plan.read",
  input: reportAttachmentsSchema,
  async run(_actor, { reportId }) {
    const report = await db.progressReport.findUnique({ where: { id: reportId }, select: { projectId: true, period: true, revision: true } });
    if (!report) throw new AppError("NOT_FOUND", "找不到该报告。");
    const rows = await db.attachment.findMany({
      where: { deletedAt: null, report: { projectId: report.projectId, period: report.period, revision: { lte: report.revision } } },
      select: SELECT,
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    });
    return withUploaders(rows);
  },
});
