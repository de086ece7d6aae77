import "server-only";
import { assertPlanWritable } from "@/lib/server/plans/plan-writable";
import { operation } from "@/lib/server/operation";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { annualPlanReviewSchema } from "@/lib/schemas/annual-plan";
import { assertNotOwnSubmission } from "@/lib/server/auth/not-own-submission";
import { decideProposal } from "./proposal";

// Approves or returns annual plan proposals submitted on their own, all or none. Proposals that
// travel with a report are decided with the report (review-reports.ts), never here.
export const reviewAnnualPlans = operation({
  permission: "report.review",
  input: annualPlanReviewSchema,
  async run(actor, v) {
    return db.$transaction(async (tx) => {
      for (const item of v.items) {
        const row = await tx.annualPlanAmount.findUnique({
          where: { id: item.id },
          include: { project: { select: { name: true, planId: true, unitId: true } } },
        });
        if (!row) throw new AppError("NOT_FOUND", "找不到所选年度计划申报，请刷新后重试。");
        await assertPlanWritable(tx, row.project.planId);
        const stale = new AppError(
          "CONFLICT",
          `「${row.project.name}」${row.year} 年度计划申报的状态已变化（可能已被其他审核人处理），请刷新后重新审核。本次审核未作任何修改。`,
        );
        if (row.proposalStatus !== "SUBMITTED" || row.version !== item.version) throw stale;
        if (row.proposalReportId !== null)
          throw new AppError("VALIDATION", `「${row.project.name}」${row.year} 年度计划随调度报告申报，请在审核该报告时一并审核。`);
        assertNotOwnSubmission(actor, row.proposedById, "年度计划申报");
        const ok = await decideProposal(
          tx,
          { actorId: actor.id, planId: row.project.planId, unitId: row.project.unitId },
          row,
          v.decision === "APPROVE",
          v.comment || null,
        );
        if (!ok) throw stale;
      }
      return { count: v.items.length };
    });
  },
});
