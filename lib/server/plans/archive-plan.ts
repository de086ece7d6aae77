import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { zhPlans } from "@/lib/i18n/zh-CN-plans";
import { planArchiveSchema } from "@/lib/schemas/plan";
import { changesSince } from "@/lib/server/audit/changes-since";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { operation } from "@/lib/server/operation";

// A finished plan is archived: read-only from then on (assertPlanWritable), still in every rollup
// and export. Unarchiving makes it writable again. Both need a reason and apply to the version seen.
export const archivePlan = operation({
  permission: "plan.manage",
  input: planArchiveSchema,
  async run(actor, v) {
    return db.$transaction(async (tx) => {
      const plan = await tx.plan.findUnique({ where: { id: v.id }, select: { id: true, archivedAt: true } });
      if (!plan) throw new AppError("NOT_FOUND", zhPlans.errors.planNotFound);
      const archivedAt = v.archived ? new Date() : null;
      // Waits for writes holding the plan FOR SHARE (assertPlanWritable) to finish.
      const updated = await tx.plan.updateMany({
        where: { id: v.id, version: v.version, archivedAt: v.archived ? null : { not: null } },
        data: { archivedAt, version: { increment: 1 } },
      });
      if (updated.count === 0) throw new AppError("CONFLICT", zhPlans.errors.conflictPlan, undefined, await changesSince(tx, "Plan", v.id, v.version));
      await recordAudit(tx, {
        actorId: actor.id,
        action: v.archived ? "plan.archive" : "plan.unarchive",
        entityType: "Plan",
        entityId: v.id,
        planId: v.id,
        entityVersion: v.version + 1,
        changes: [{ field: "archivedAt", old: plan.archivedAt?.toISOString() ?? null, new: archivedAt?.toISOString() ?? null }],
        reason: v.reason,
      });
      return { id: v.id, version: v.version + 1, archivedAt };
    });
  },
});
