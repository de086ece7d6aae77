import "server-only";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { assertPlanWritable } from "@/lib/server/plans/plan-writable";

type Tx = Prisma.TransactionClient;

// What an attachment hangs on: a progress report revision or a milestone.
export type AttachmentOwner = { reportId: number } | { milestoneId: number };

export type LockedOwner = {
  projectId: number;
  planId: number;
  unitId: number | null;
  entityType: "ProgressReport" | "Milestone";
  entityId: number;
  entityVersion: number;
  where: { reportId: number } | { milestoneId: number };
};

// The owner, locked for the rest of the transaction (FOR UPDATE: concurrent uploads to one report
// count its files one after another, and a submission waits for an upload in flight), and refused
// unless its files may change now. The rule (a real office's): a report's photos are evidence of the
// figures it reports, so they change with the report — while it is a draft or returned, by whoever
// may edit it — and are frozen with it once submitted (until returned) or approved (a correction is a
// new revision, which takes its own files). A milestone's files change while the milestone exists
// and the plan is not archived.
export async function lockOwner(tx: Tx, owner: AttachmentOwner): Promise<LockedOwner> {
  if ("reportId" in owner) {
    const [row] = await tx.$queryRaw<{ id: number }[]>`SELECT id FROM "ProgressReport" WHERE id = ${owner.reportId} FOR UPDATE`;
    if (!row) throw new AppError("NOT_FOUND", "找不到该报告。");
    const report = await tx.progressReport.findUniqueOrThrow({
      where: { id: owner.reportId },
      include: { project: { select: { planId: true, unitId: true, deletedAt: true } } },
    });
    if (report.project.deletedAt) throw new AppError("NOT_FOUND", "找不到该报告。");
    await assertPlanWritable(tx, report.project.planId);
    if (!report.isCurrent) throw new AppError("VALIDATION", "该版本报告已被更正版本取代，附件请在最新版本上添加或删除。");
    if (report.status === "SUBMITTED") throw new AppError("VALIDATION", "该期报告已提交、正在审核，附件不能增删；如需修改请联系审核人退回。");
    if (report.status === "APPROVED")
      throw new AppError("VALIDATION", "该期报告已审核通过并锁定，附件不能增删。如需补充，请先提交更正（生成新的修订版本），再在新版本上添加。");
    return {
      projectId: report.projectId,
      planId: report.project.planId,
      unitId: report.project.unitId,
      entityType: "ProgressReport",
      entityId: report.id,
      entityVersion: report.version,
      where: { reportId: report.id },
    };
  }
  const [row] = await tx.$queryRaw<{ id: number }[]>`SELECT id FROM "Milestone" WHERE id = ${owner.milestoneId} FOR UPDATE`;
  if (!row) throw new AppError("NOT_FOUND", "找不到该节点。");
  const m = await tx.milestone.findUniqueOrThrow({
    where: { id: owner.milestoneId },
    include: { project: { select: { planId: true, unitId: true, deletedAt: true } } },
  });
  if (m.deletedAt || m.project.deletedAt) throw new AppError("NOT_FOUND", "节点不存在或已被删除，请刷新后重试。");
  await assertPlanWritable(tx, m.project.planId);
  return {
    projectId: m.projectId,
    planId: m.project.planId,
    unitId: m.project.unitId,
    entityType: "Milestone",
    entityId: m.id,
    entityVersion: m.version,
    where: { milestoneId: m.id },
  };
}

// Whether a report's files may change now (the same rule as lockOwner, for pages deciding to show the upload).
export const reportFilesEditable = (r: { status: string; isCurrent: boolean }) => r.isCurrent && (r.status === "DRAFT" || r.status === "RETURNED");
