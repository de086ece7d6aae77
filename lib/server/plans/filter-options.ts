import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { operation } from "@/lib/server/operation";
import { optionalRecordId } from "@/lib/schemas/fields";

// Choices for the project list filters: all plans, and the units/sections of the chosen plan (none
// without one). Retired units are left out: their projects moved to the unit they merged into.
export const filterOptions = operation({
  permission: "plan.read",
  input: z.object({ planId: optionalRecordId() }),
  async run(_actor, { planId }) {
    const [plans, units, sections] = await Promise.all([
      db.plan.findMany({ orderBy: { id: "asc" }, select: { id: true, title: true } }),
      planId ? db.reportingUnit.findMany({ where: { planId, retiredAt: null }, orderBy: { sortOrder: "asc" }, select: { id: true, name: true } }) : [],
      planId ? db.section.findMany({ where: { planId }, orderBy: { sortOrder: "asc" }, select: { id: true, number: true, title: true } }) : [],
    ]);
    return { plans, units, sections };
  },
});
