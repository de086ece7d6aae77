import "server-only";
import { db } from "@/lib/db";
import { sectionReorderSchema } from "@/lib/schemas/section";
import { operation } from "@/lib/server/operation";
import { assertPlanWritable } from "@/lib/server/plans/plan-writable";
import { applyOrder } from "@/lib/server/plans/sort-order";

// The order of the plan's 专栏 and categories (rollups by category, the 调度表's groups, pickers).
export const reorderSections = operation({
  permission: "plan.manage",
  input: sectionReorderSchema,
  async run(actor, v) {
    return db.$transaction(async (tx) => {
      await assertPlanWritable(tx, v.planId);
      return applyOrder(tx, { table: "Section", entityType: "Section", action: "section.reorder" }, v.planId, v.items, actor.id);
    });
  },
});
