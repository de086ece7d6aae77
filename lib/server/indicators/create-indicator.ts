import "server-only";
import { db } from "@/lib/db";
import { indicatorCreateSchema } from "@/lib/schemas/indicator";
import { diffFields, recordAudit } from "@/lib/server/audit/record-audit";
import { operation } from "@/lib/server/operation";
import { assertPlanWritable } from "@/lib/server/plans/plan-writable";
import { indicatorFromPrinted } from "./indicator-row";

// The plan office adds an indicator by hand (e.g. to a new 十五五 plan): texts as the plan prints
// them, parsed like the seed's; a direction given here applies where the target's wording says none.
export const createIndicator = operation({
  permission: "plan.manage",
  input: indicatorCreateSchema,
  async run(actor, v) {
    return db.$transaction(async (tx) => {
      await assertPlanWritable(tx, v.planId);
      const { data, warnings } = indicatorFromPrinted(v);
      const sortOrder = (await tx.indicator.count({ where: { planId: v.planId } })) + 1;
      const row = await tx.indicator.create({
        data: {
          planId: v.planId,
          category: v.category || null,
          seq: null,
          sortOrder,
          name: v.unit ? `${v.shortName}（${v.unit}）` : v.shortName,
          shortName: v.shortName,
          unit: v.unit || null,
          attribute: v.attribute,
          baselineYear: v.baselineYear,
          baselineText: v.baselineText || null,
          targetYear: v.targetYear,
          targetText: v.targetText,
          ...data,
          direction: data.direction ?? v.direction ?? null,
          sourceKind: "ENTERED",
        },
      });
      if (warnings.length)
        await tx.dataWarning.createMany({
          data: warnings.map((w) => ({ planId: v.planId, target: "INDICATOR" as const, indicatorId: row.id, code: w.code, message: w.message })),
        });
      await recordAudit(tx, {
        actorId: actor.id,
        action: "indicator.create",
        entityType: "Indicator",
        entityId: row.id,
        planId: v.planId,
        entityVersion: 1,
        changes: diffFields(
          null,
          { name: row.name, baselineText: row.baselineText, targetText: row.targetText, attribute: row.attribute, direction: row.direction },
          ["name", "baselineText", "targetText", "attribute", "direction"],
        ),
      });
      return { id: row.id };
    });
  },
});
