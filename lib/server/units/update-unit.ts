import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { zhPlans } from "@/lib/i18n/zh-CN-plans";
import { unitUpdateSchema } from "@/lib/schemas/unit";
import { changesSince } from "@/lib/server/audit/changes-since";
import { diffFields, recordAudit } from "@/lib/server/audit/record-audit";
import { operation } from "@/lib/server/operation";
import { assertPlanWritable } from "@/lib/server/plans/plan-writable";
import { assertUnitNameFree, nameTaken, regionName } from "./unit-rules";
import { isUniqueViolation } from "@/lib/server/unique-violation";

// Renames a reporting unit (or changes its region), applied to the version the admin saw.
export const updateUnit = operation({
  permission: "plan.manage",
  input: unitUpdateSchema,
  async run(actor, v) {
    try {
      return await db.$transaction(async (tx) => {
        const unit = await tx.reportingUnit.findUnique({ where: { id: v.id }, include: { region: { select: { name: true } } } });
        if (!unit) throw new AppError("NOT_FOUND", zhPlans.errors.unitNotFound);
        await assertPlanWritable(tx, unit.planId);
        if (unit.retiredAt) throw new AppError("VALIDATION", zhPlans.errors.retired, { name: [zhPlans.errors.retired] });
        const region = await regionName(tx, v.regionId);
        const changes = diffFields({ name: unit.name, region: unit.region?.name ?? null }, { name: v.name, region }, ["name", "region"]);
        if (changes.length === 0) return { id: unit.id, version: unit.version, changed: 0 };
        await assertUnitNameFree(tx, unit.planId, v.name, unit.id);
        const updated = await tx.reportingUnit.updateMany({
          where: { id: v.id, version: v.version },
          data: { name: v.name, regionId: v.regionId, version: { increment: 1 } },
        });
        if (updated.count === 0)
          throw new AppError("CONFLICT", zhPlans.errors.conflictUnit, undefined, await changesSince(tx, "ReportingUnit", v.id, v.version));
        await recordAudit(tx, {
          actorId: actor.id,
          action: "unit.update",
          entityType: "ReportingUnit",
          entityId: v.id,
          planId: unit.planId,
          unitId: v.id,
          entityVersion: v.version + 1,
          changes,
          reason: v.reason,
        });
        return { id: v.id, version: v.version + 1, changed: changes.length };
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw nameTaken(v.name);
      throw e;
    }
  },
});
