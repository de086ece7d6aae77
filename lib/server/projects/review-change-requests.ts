import "server-only";
import { assertPlanWritable } from "@/lib/server/plans/plan-writable";
import { operation } from "@/lib/server/operation";
import { formatDate } from "@/lib/dates";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { changeRequestReviewSchema } from "@/lib/schemas/project-update";
import { recordAudit, type FieldChange } from "@/lib/server/audit/record-audit";
import type { SessionUser } from "@/lib/server/auth/current-user";
import { assertNotOwnSubmission } from "@/lib/server/auth/not-own-submission";
import { applyFacts } from "./project-facts";
import { applyWithdrawal } from "./withdrawal";

// Finance or the plan office decides a 调整申请. Approval applies the requested values to the project
// version the officer saw, in the same transaction as the audit rows; if the project changed since,
// nothing applies (the reviewer returns the request so the officer can file it again).
// A 调出 request (kind WITHDRAW) sets the project's endPeriod instead (withdrawal.ts).
// Several at once are decided all or none.
export const reviewChangeRequests = operation({
  permission: "project.reviewChange",
  input: changeRequestReviewSchema,
  async run(actor, v) {
    return db.$transaction(async (tx) => {
      for (const item of v.items) await decide(tx, actor, item, v.decision === "APPROVE", v.comment);
      return { count: v.items.length };
    });
  },
});

async function decide(tx: Prisma.TransactionClient, actor: SessionUser, v: { id: number; version: number }, approve: boolean, comment: string) {
  {
    const request = await tx.projectChangeRequest.findUnique({
      where: { id: v.id },
      include: { project: { select: { name: true, planId: true, unitId: true } } },
    });
    if (!request) throw new AppError("NOT_FOUND", "找不到该调整申请。");
    await assertPlanWritable(tx, request.project.planId);
    const stale = new AppError(
      "CONFLICT",
      `「${request.project.name}」的${request.kind === "WITHDRAW" ? "调出申请" : "调整申请"}状态已变化（可能已被其他审核人处理），请刷新后重新审核。本次审核未作任何修改。`,
    );
    if (request.status !== "SUBMITTED" || request.version !== v.version) throw stale;
    assertNotOwnSubmission(actor, request.createdById, request.kind === "WITHDRAW" ? "调出申请" : "调整申请");
    const decided = await tx.projectChangeRequest.updateMany({
      where: { id: v.id, version: v.version, status: "SUBMITTED" },
      data: {
        status: approve ? "APPROVED" : "RETURNED",
        reviewedById: actor.id,
        reviewedAt: new Date(),
        reviewComment: comment || null,
        version: { increment: 1 },
      },
    });
    if (decided.count === 0) throw stale;
    const ctx = { actorId: actor.id, planId: request.project.planId, unitId: request.project.unitId };
    const changes = request.changes as FieldChange[];
    if (approve && request.kind === "WITHDRAW") await applyWithdrawal(tx, actor.id, request);
    else if (approve) {
      if (!(await applyFacts(tx, request.projectId, request.baseVersion, changes))) {
        throw new AppError("CONFLICT", "该项目在申请提交后已被修改，申请依据的数据已过期，不能通过。请退回，由申请人按最新数据重新申请。");
      }
      const doc = request.docNumber ? `（批复文号 ${request.docNumber}${request.docDate ? `，${formatDate(request.docDate)}` : ""}）` : "";
      await recordAudit(tx, {
        ...ctx,
        action: "project.update",
        entityType: "Project",
        entityId: request.projectId,
        entityVersion: request.baseVersion + 1,
        changes,
        reason: `调整申请 #${request.id} 审核通过：${request.reason}${doc}`,
      });
    }
    await recordAudit(tx, {
      ...ctx,
      action: approve ? "changeRequest.approve" : "changeRequest.return",
      entityType: "ProjectChangeRequest",
      entityId: request.id,
      entityVersion: v.version + 1,
      changes: [{ field: "status", old: "SUBMITTED", new: approve ? "APPROVED" : "RETURNED" }],
      reason: comment || null,
    });
  }
}
