import "server-only";
import { chinaYear } from "@/lib/dates";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { indicatorJudgeSchema } from "@/lib/schemas/indicator";
import { diffFields, recordAudit } from "@/lib/server/audit/record-audit";
import { operation } from "@/lib/server/operation";
import { assertPlanWritable } from "@/lib/server/plans/plan-writable";

// A reviewer's judgement of a qualitative target (持续下降, 优于全国平均水平, 待国家公布 …) for a year: 达到,
// 未达到 or 无法评估, with the reason. One per indicator and year, changed only from the version seen.
export const judgeIndicator = operation({
  permission: "indicator.review",
  input: indicatorJudgeSchema,
  async run(actor, v) {
    if (v.year > chinaYear()) throw new AppError("VALIDATION", "不能评估未来年份。", { year: ["不能评估未来年份"] });
    return db.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM "Indicator" WHERE id = ${v.indicatorId} FOR UPDATE`;
      const indicator = await tx.indicator.findFirst({ where: { id: v.indicatorId, deletedAt: null } });
      if (!indicator) throw new AppError("NOT_FOUND", "找不到该指标，可能已被删除。");
      await assertPlanWritable(tx, indicator.planId);
      if (indicator.targetComparator !== "QUALITATIVE") throw new AppError("VALIDATION", "该指标有数值目标，按监测值自动评估，无需人工判断。");
      const existing = await tx.indicatorJudgement.findUnique({ where: { indicatorId_year: { indicatorId: v.indicatorId, year: v.year } } });
      if ((existing?.version ?? undefined) !== v.version)
        throw new AppError("CONFLICT", "保存失败：在您填写期间，该年度的评估结论已被他人修改，请刷新后重新填写。");
      const next = { result: v.result, reason: v.reason };
      const changes = diffFields(existing, next, ["result", "reason"]);
      if (existing && changes.length === 0) return { id: existing.id, version: existing.version };
      const row = existing
        ? await tx.indicatorJudgement.update({
            where: { id: existing.id },
            data: { ...next, judgedById: actor.id, judgedAt: new Date(), version: { increment: 1 } },
          })
        : await tx.indicatorJudgement.create({ data: { ...next, indicatorId: v.indicatorId, year: v.year, judgedById: actor.id } });
      await recordAudit(tx, {
        actorId: actor.id,
        action: "indicator.judge",
        entityType: "IndicatorJudgement",
        entityId: row.id,
        planId: indicator.planId,
        entityVersion: row.version,
        changes,
        reason: v.reason,
      });
      return { id: row.id, version: row.version };
    });
  },
});
