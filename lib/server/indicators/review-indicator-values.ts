import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { indicatorValueReviewSchema } from "@/lib/schemas/indicator";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { assertNotOwnSubmission } from "@/lib/server/auth/not-own-submission";
import { operation } from "@/lib/server/operation";
import { assertPlanWritable } from "@/lib/server/plans/plan-writable";

// Approves or returns submitted indicator values, all or none, each only in the version and status the
// reviewer saw. On approval the value becomes the official one of its indicator, unit and year (a
// correction replaces the revision it corrects); a return leaves the official value untouched.
export const reviewIndicatorValues = operation({
  permission: "indicator.review",
  input: indicatorValueReviewSchema,
  async run(actor, v) {
    const approve = v.decision === "APPROVE";
    return db.$transaction(async (tx) => {
      for (const item of v.items) {
        const row = await tx.indicatorValue.findUnique({ where: { id: item.id }, include: { indicator: { select: { planId: true, shortName: true } } } });
        if (!row) throw new AppError("NOT_FOUND", "找不到所选指标值，请刷新后重试。");
        await assertPlanWritable(tx, row.indicator.planId);
        const stale = new AppError(
          "CONFLICT",
          `「${row.indicator.shortName}」${row.year} 年的指标值状态已变化（可能已被其他审核人处理），请刷新后重新审核。本次审核未作任何修改。`,
        );
        if (row.status !== "SUBMITTED" || !row.isCurrent || row.version !== item.version) throw stale;
        assertNotOwnSubmission(actor, row.submittedById, "指标值");
        const decided = await tx.indicatorValue.updateMany({
          where: { id: row.id, version: row.version, status: "SUBMITTED", isCurrent: true },
          data: {
            status: approve ? "APPROVED" : "RETURNED",
            isOfficial: approve,
            reviewComment: v.comment || null,
            reviewedById: actor.id,
            reviewedAt: new Date(),
            version: { increment: 1 },
          },
        });
        if (decided.count === 0) throw stale;
        if (approve)
          await tx.indicatorValue.updateMany({
            where: { indicatorId: row.indicatorId, unitId: row.unitId, year: row.year, isOfficial: true, id: { not: row.id } },
            data: { isOfficial: false },
          });
        await recordAudit(tx, {
          actorId: actor.id,
          action: approve ? "indicatorValue.approve" : "indicatorValue.return",
          entityType: "IndicatorValue",
          entityId: row.id,
          planId: row.indicator.planId,
          unitId: row.unitId,
          entityVersion: row.version + 1,
          changes: [{ field: "status", old: "SUBMITTED", new: approve ? "APPROVED" : "RETURNED" }],
          reason: v.comment || null,
        });
      }
      return { count: v.items.length };
    });
  },
});
