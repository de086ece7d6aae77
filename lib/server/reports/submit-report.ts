import "server-only";
import { assertPlanWritable } from "@/lib/server/plans/plan-writable";
import { operation } from "@/lib/server/operation";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { reportSubmitSchema } from "@/lib/schemas/report";
import { submitWithReport } from "@/lib/server/annual-plans/proposal";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { authorize } from "@/lib/server/auth/authorize";

// Submits a draft or returned report as it is.
export const submitReport = operation({
  permission: "report.write",
  input: reportSubmitSchema,
  async run(actor, v) {
    await authorize(actor, "report.write", { report: v.id });
    return db.$transaction(async (tx) => {
      const report = await tx.progressReport.findUnique({ where: { id: v.id }, include: { project: { select: { planId: true, unitId: true } } } });
      if (!report || !report.isCurrent) throw new AppError("NOT_FOUND", "找不到该报告或已有更新的修订版本。");
      await assertPlanWritable(tx, report.project.planId);
      if (report.status !== "DRAFT" && report.status !== "RETURNED") throw new AppError("VALIDATION", "只有草稿或被退回的报告可以提交。");
      const updated = await tx.progressReport.updateMany({
        where: { id: v.id, version: v.version, status: { in: ["DRAFT", "RETURNED"] }, isCurrent: true },
        data: { status: "SUBMITTED", submittedAt: new Date(), submittedById: actor.id, version: { increment: 1 } },
      });
      if (updated.count === 0) throw new AppError("CONFLICT", "提交失败：该报告在此期间已被修改，请刷新后重试。");
      await recordAudit(tx, {
        actorId: actor.id,
        action: "report.submit",
        entityType: "ProgressReport",
        entityId: v.id,
        planId: report.project.planId,
        unitId: report.project.unitId,
        entityVersion: v.version + 1,
        changes: [{ field: "status", old: report.status, new: "SUBMITTED" }],
      });
      await submitWithReport(tx, { actorId: actor.id, planId: report.project.planId, unitId: report.project.unitId }, v.id);
      return { id: v.id, version: v.version + 1 };
    });
  },
});
