import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { indicatorDirectionSchema } from "@/lib/schemas/indicator";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { operation } from "@/lib/server/operation";
import { assertPlanWritable } from "@/lib/server/plans/plan-writable";

// Which way is better, set by the plan office where the target's wording does not say (吸烟率 23.30,
// 个人卫生支出占比 27左右): the assessment needs it to draw a path. A direction the wording states
// (≤, 以下, 下降 …) cannot be overridden.
export const setIndicatorDirection = operation({
  permission: "plan.manage",
  input: indicatorDirectionSchema,
  async run(actor, v) {
    return db.$transaction(async (tx) => {
      const ind = await tx.indicator.findFirst({ where: { id: v.id, deletedAt: null } });
      if (!ind) throw new AppError("NOT_FOUND", "找不到该指标。");
      await assertPlanWritable(tx, ind.planId);
      if (["GTE", "GT", "LTE", "LT"].includes(ind.targetComparator)) throw new AppError("VALIDATION", `目标“${ind.targetText}”已表明方向，不能另行设定。`);
      if (ind.direction === v.direction) return { id: ind.id, version: ind.version };
      const updated = await tx.indicator.updateMany({ where: { id: v.id, version: v.version }, data: { direction: v.direction, version: { increment: 1 } } });
      if (updated.count === 0) throw new AppError("CONFLICT", "保存失败：在您编辑期间，该指标已被他人修改，请刷新后重试。");
      await recordAudit(tx, {
        actorId: actor.id,
        action: "indicator.direction",
        entityType: "Indicator",
        entityId: v.id,
        planId: ind.planId,
        entityVersion: v.version + 1,
        changes: [{ field: "direction", old: ind.direction, new: v.direction }],
        reason: v.reason,
      });
      return { id: v.id, version: v.version + 1 };
    });
  },
});
