import "server-only";
import { assertPlanWritable } from "@/lib/server/plans/plan-writable";
import { operation } from "@/lib/server/operation";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { reportReviewSchema } from "@/lib/schemas/report";
import { decideProposal, proposalOfReport } from "@/lib/server/annual-plans/proposal";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { assertNotOwnSubmission } from "@/lib/server/auth/not-own-submission";

// Approves or returns submitted reports in bulk, all or none. Approval makes a report the official
// figure of its period (replacing an earlier approved revision) together with the annual plan
// amount it carries; a return needs a comment and never touches an approved figure.
// Each decision applies only to the version and status the reviewer saw (a conditional update):
// of concurrent decisions on one report exactly one applies, the others get CONFLICT.
export const reviewReports = operation({
  permission: "report.review",
  input: reportReviewSchema,
  async run(actor, v) {
    const approve = v.decision === "APPROVE";
    return db.$transaction(async (tx) => {
      const now = new Date();
      for (const item of v.items) {
        const report = await tx.progressReport.findUnique({
          where: { id: item.id },
          include: { project: { select: { name: true, planId: true, unitId: true } } },
        });
        if (!report) throw new AppError("NOT_FOUND", "找不到所选报告，请刷新后重试。");
        await assertPlanWritable(tx, report.project.planId);
        const stale = () =>
          new AppError(
            "CONFLICT",
            `「${report.project.name}」${report.period} 的报告状态已变化（可能已被其他审核人处理），请刷新后重新审核。本次审核未作任何修改。`,
          );
        if (report.status !== "SUBMITTED" || !report.isCurrent || report.version !== item.version) throw stale();
        assertNotOwnSubmission(actor, report.submittedById, "报告");
        const decided = await tx.progressReport.updateMany({
          where: { id: item.id, version: item.version, status: "SUBMITTED", isCurrent: true },
          data: {
            status: approve ? "APPROVED" : "RETURNED",
            reviewComment: v.comment || null,
            reviewedAt: now,
            reviewedById: actor.id,
            version: { increment: 1 },
          },
        });
        if (decided.count === 0) throw stale();
        if (approve) {
          await tx.progressReport.updateMany({
            where: { projectId: report.projectId, period: report.period, isOfficial: true, id: { not: item.id } },
            data: { isOfficial: false },
          });
          await tx.progressReport.update({ where: { id: item.id }, data: { isOfficial: true } });
        }
        const ctx = { actorId: actor.id, planId: report.project.planId, unitId: report.project.unitId };
        await recordAudit(tx, {
          ...ctx,
          action: approve ? "report.approve" : "report.return",
          entityType: "ProgressReport",
          entityId: item.id,
          entityVersion: item.version + 1,
          changes: [{ field: "status", old: "SUBMITTED", new: approve ? "APPROVED" : "RETURNED" }],
          reason: v.comment,
        });
        const annual = await proposalOfReport(tx, item.id);
        if (annual && !(await decideProposal(tx, ctx, annual, approve, v.comment || null))) throw stale();
      }
      return { count: v.items.length };
    });
  },
});
