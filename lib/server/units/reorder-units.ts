import "server-only";
import { db } from "@/lib/db";
import { unitReorderSchema } from "@/lib/schemas/unit";
import { operation } from "@/lib/server/operation";
import { assertPlanWritable } from "@/lib/server/plans/plan-writable";
import { applyOrder } from "@/lib/server/plans/sort-order";

// The order of the plan's active units (lists, the 调度表's sheets, pickers).
export const reorderUnits = operation({
  permission: "plan.manage",
  input: unitReorderSchema,
  async run(actor, v) {
    return db.$transaction(async (tx) => {
      await assertPlanWritable(tx, v.planId);
      return applyOrder(tx, { table: "ReportingUnit", entityType: "ReportingUnit", action: "unit.reorder" }, v.planId, v.items, actor.id);
    });
  },
});
