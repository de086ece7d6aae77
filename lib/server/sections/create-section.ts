import "server-only";
import { db } from "@/lib/db";
import { sectionCreateSchema } from "@/lib/schemas/section";
import { operation } from "@/lib/server/operation";
import { assertPlanWritable } from "@/lib/server/plans/plan-writable";
import { assertSectionFree, insertSection, lockSections } from "./new-section";

// A new 专栏 (with its number) or appendix category, at the end of the plan's list.
export const createSection = operation({
  permission: "plan.manage",
  input: sectionCreateSchema,
  async run(actor, v) {
    return db.$transaction(async (tx) => {
      await assertPlanWritable(tx, v.planId);
      await lockSections(tx, v.planId);
      const s = { number: v.number || null, title: v.title };
      await assertSectionFree(tx, v.planId, s);
      const section = await insertSection(tx, { ...s, planId: v.planId, kind: v.kind, locator: "规划办新增", actorId: actor.id });
      return { id: section.id, version: section.version };
    });
  },
});
