import "server-only";
import { chinaYear } from "@/lib/dates";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { indicatorValueSaveSchema } from "@/lib/schemas/indicator";
import { changesSince } from "@/lib/server/audit/changes-since";
import { diffFields, recordAudit } from "@/lib/server/audit/record-audit";
import { authorize } from "@/lib/server/auth/authorize";
import { operation } from "@/lib/server/operation";
import { assertPlanWritable } from "@/lib/server/plans/plan-writable";

const FIELDS = ["value", "dataSource", "note"] as const;

// A monitoring value for one indicator, one year, the plan's region (unitId null: the plan office) or
// one reporting unit (its officers). It is submitted for review at once; only an approved value is
// official. A submitted or returned value is edited in place (from the version the form saw); an
// approved one is never changed: a correction is a new revision with a reason, and the approved
// revision stays official until the correction is approved.
export const saveIndicatorValue = operation({
  permission: "indicator.write",
  input: indicatorValueSaveSchema,
  async run(actor, v) {
    await authorize(actor, "indicator.write", v.unitId === null ? null : { unit: v.unitId });
    return db.$transaction(async (tx) => {
      // One writer per indicator at a time: the year's current revision is decided under this lock.
      await tx.$queryRaw`SELECT id FROM "Indicator" WHERE id = ${v.indicatorId} FOR UPDATE`;
      const indicator = await tx.indicator.findFirst({ where: { id: v.indicatorId, deletedAt: null }, include: { plan: true } });
      if (!indicator) throw new AppError("NOT_FOUND", "找不到该指标，可能已被删除。");
      await assertPlanWritable(tx, indicator.planId);
      if (v.unitId !== null && !(await tx.reportingUnit.count({ where: { id: v.unitId, planId: indicator.planId, retiredAt: null } })))
        throw new AppError("VALIDATION", "该单位不属于本规划或已撤销。", { unitId: ["请选择本规划的填报单位"] });
      const first = indicator.baselineYear ?? indicator.plan.periodStart - 1;
      if (v.year < first || v.year > chinaYear())
        throw new AppError("VALIDATION", "年份超出可填报范围。", { year: [`请填写 ${first}–${chinaYear()} 年之间的年份（不能填报未来年份）`] });

      const next = { value: v.value, dataSource: v.dataSource, note: v.note || null };
      const where = { indicatorId: v.indicatorId, unitId: v.unitId, year: v.year };
      const audit = (action: string, entityId: number, entityVersion: number, changes: ReturnType<typeof diffFields>, reason?: string) =>
        recordAudit(tx, {
          actorId: actor.id,
          action,
          entityType: "IndicatorValue",
          entityId,
          planId: indicator.planId,
          unitId: v.unitId,
          entityVersion,
          changes,
          reason,
        });
      const conflict = async (id: number) =>
        new AppError(
          "CONFLICT",
          "保存失败：在您填写期间，该年度的指标值已被他人修改或审核。请刷新后重新填写。",
          undefined,
          await changesSince(tx, "IndicatorValue", id, v.version ?? 0),
        );
      const submitted = { status: "SUBMITTED" as const, submittedById: actor.id, submittedAt: new Date() };

      const current = await tx.indicatorValue.findFirst({ where: { ...where, isCurrent: true } });
      if (!current) {
        if (v.version !== undefined) throw new AppError("CONFLICT", "保存失败：您编辑的指标值已不存在，请刷新后重新填写。");
        const row = await tx.indicatorValue.create({ data: { ...where, ...next, ...submitted } });
        await audit("indicatorValue.submit", row.id, 1, diffFields(null, next, [...FIELDS]));
        return { id: row.id, version: row.version, status: row.status };
      }
      if (current.version !== v.version) throw await conflict(current.id);
      const before = { value: current.value.toFixed(), dataSource: current.dataSource, note: current.note };

      if (current.status === "APPROVED") {
        if (!v.correctionReason) throw new AppError("VALIDATION", "该年度的指标值已审核通过，更正须说明原因。", { correctionReason: ["请填写更正原因"] });
        const changes = diffFields(before, next, [...FIELDS]);
        if (changes.length === 0) throw new AppError("VALIDATION", "更正的内容与已审核的值相同，无需更正。");
        const retired = await tx.indicatorValue.updateMany({
          where: { id: current.id, version: current.version, isCurrent: true },
          data: { isCurrent: false },
        });
        if (retired.count === 0) throw await conflict(current.id);
        const row = await tx.indicatorValue.create({
          data: { ...where, ...next, ...submitted, revision: current.revision + 1, correctionReason: v.correctionReason },
        });
        await audit("indicatorValue.correct", row.id, 1, changes, v.correctionReason);
        return { id: row.id, version: row.version, status: row.status };
      }

      const changes = diffFields(before, next, [...FIELDS]);
      // An identical re-save of a value waiting for review changes nothing.
      if (changes.length === 0 && current.status === "SUBMITTED") return { id: current.id, version: current.version, status: current.status };
      const updated = await tx.indicatorValue.updateMany({
        where: { id: current.id, version: current.version, status: current.status },
        data: { ...next, ...submitted, reviewComment: null, version: { increment: 1 } },
      });
      if (updated.count === 0) throw await conflict(current.id);
      await audit(current.status === "RETURNED" ? "indicatorValue.resubmit" : "indicatorValue.update", current.id, current.version + 1, changes);
      return { id: current.id, version: current.version + 1, status: "SUBMITTED" as const };
    });
  },
});
