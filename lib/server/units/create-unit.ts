import "server-only";
import { db } from "@/lib/db";
import { unitCreateSchema } from "@/lib/schemas/unit";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { operation } from "@/lib/server/operation";
import { assertPlanWritable } from "@/lib/server/plans/plan-writable";
import { assertUnitNameFree, nameTaken, regionName } from "./unit-rules";
import { isUniqueViolation } from "@/lib/server/unique-violation";

// A new reporting unit at the end of the plan's list (a county, 市本级, 经开区, …).
export const createUnit = operation({
  permission: "plan.manage",
  input: unitCreateSchema,
  async run(actor, v) {
    const regionId = v.regionId ?? null;
    try {
      return await db.$transaction(async (tx) => {
        await assertPlanWritable(tx, v.planId);
        const region = await regionName(tx, regionId);
        await assertUnitNameFree(tx, v.planId, v.name);
        const { _max } = await tx.reportingUnit.aggregate({ where: { planId: v.planId }, _max: { sortOrder: true } });
        const unit = await tx.reportingUnit.create({ data: { planId: v.planId, name: v.name, regionId, sortOrder: (_max.sortOrder ?? -1) + 1 } });
        const changes = [{ field: "name", old: null, new: unit.name }, ...(region ? [{ field: "region", old: null, new: region }] : [])];
        await recordAudit(tx, {
          actorId: actor.id,
          action: "unit.create",
          entityType: "ReportingUnit",
          entityId: unit.id,
          planId: v.planId,
          unitId: unit.id,
          entityVersion: unit.version,
          changes,
        });
        return { id: unit.id, planId: unit.planId, name: unit.name, version: unit.version };
      });
    } catch (e) {
      // The same name created at the same moment by someone else.
      if (isUniqueViolation(e)) throw nameTaken(v.name);
      throw e;
    }
  },
});
