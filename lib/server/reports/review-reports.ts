import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { reportReviewSchema } from "@/lib/schemas/report";
import { validate } from "@/lib/schemas/validate";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { authorize } from "@/lib/server/auth/authorize";
import type { SessionUser } from "@/lib/server/auth/current-user";

// Approves or returns submitted reports in bulk, all or none. Approval makes a report the official
// figure of its period (replacing an earlier approved revision); a return needs a comment.
export async function reviewReports(actor: SessionUser, input: unknown) {
  const v = validate(reportReviewSchema, input);
  await authorize(actor, "report.review");
  return db.$transaction(async (tx) => {
    const now = new Date();
    for (const item of v.items) {
      const report = await tx.progressReport.findUnique({ where: { id: item.id }, include: { project: { select: { name: true, planId: true, unitId: true } } } });
      if (!report) throw new AppError("NOT_FOUND", "找不到所选报告，请刷新后重试。");
      if (report.status !== "SUBMITTED" || !report.isCurrent || report.version !== item.version) {
        throw new AppError("CONFLICT", `「${report.project.name}」${report.period} 的报告状态已变化，请刷新后重新审核。本次审核未作任何修改。`);
      }
      const approve = v.decision === "APPROVE";
      if (approve) {
        await tx.progressReport.updateMany({ where: { projectId: report.projectId, period: report.period, isOfficial: true }, data: { isOfficial: false } });
      }
      await tx.progressReport.update({
        where: { id: item.id },
        data: { status: approve ? "APPROVED" : "RETURNED", isOfficial: approve, reviewComment: v.comment || null, reviewedAt: now, reviewedById: actor.id, version: { increment: 1 } },
      });
      await recordAudit(tx, {
        actorId: actor.id,
        action: approve ? "report.approve" : "report.return",
        entityType: "ProgressReport",
        entityId: item.id,
        planId: report.project.planId,
        unitId: report.project.unitId,
        entityVersion: item.version + 1,
        changes: [{ field: "status", old: "SUBMITTED", new: approve ? "APPROVED" : "RETURNED" }],
        reason: v.comment,
      });
    }
    return { count: v.items.length };
  });
}
