import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { planSettingsSchema } from "@/lib/schemas/plan-settings";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { operation } from "@/lib/server/operation";

// Monthly or quarterly reporting for a plan. Only before any report exists: periods of the two
// cycles cannot be mixed in one plan's figures.
export const updatePlanSettings = operation({
  permission: "plan.manage",
  input: planSettingsSchema,
  async run(actor, v) {
    return db.$transaction(async (tx) => {
      const plan = await tx.plan.findUnique({ where: { id: v.id } });
      if (!plan) throw new AppError("NOT_FOUND", "找不到该规划。");
      if (plan.reportingCycle === v.reportingCycle) return { id: plan.id };
      if (await tx.progressReport.count({ where: { project: { planId: v.id } } })) {
        throw new AppError("VALIDATION", "该规划已有调度报告，不能再更改填报周期。", { reportingCycle: ["已有调度报告，不能更改"] });
      }
      await tx.plan.update({ where: { id: v.id }, data: { reportingCycle: v.reportingCycle } });
      await recordAudit(tx, { actorId: actor.id, action: "plan.settings", entityType: "Plan", entityId: v.id, planId: v.id, changes: [{ field: "reportingCycle", old: plan.reportingCycle, new: v.reportingCycle }], reason: v.reason });
      return { id: v.id };
    });
  },
});
