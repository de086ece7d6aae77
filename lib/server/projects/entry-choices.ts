import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { grantOf } from "@/lib/permissions";
import { operation } from "@/lib/server/operation";
import { optionalRecordId } from "@/lib/schemas/fields";

// What the entry form offers: plans that are not archived and have a unit the user may enter into;
// for the chosen plan those units (not retired; county officers: their own), its categories and the
// bundle lines a sub-project may go under (top-level projects of those units, not withdrawn).
export const entryChoices = operation({
  permission: "project.create",
  input: z.object({ planId: optionalRecordId() }),
  async run(actor, { planId }) {
    const unitWhere = { retiredAt: null, ...(grantOf(actor.role, "project.create") === "unit" && { id: { in: actor.unitIds } }) };
    const plans = await db.plan.findMany({
      where: { archivedAt: null, units: { some: unitWhere } },
      orderBy: { id: "asc" },
      select: { id: true, title: true, reportingCycle: true },
    });
    const plan = plans.find((p) => p.id === planId) ?? null;
    if (!plan) return { plans, plan, units: [], sections: [], lines: [] };
    const [units, sections] = await Promise.all([
      db.reportingUnit.findMany({ where: { planId: plan.id, ...unitWhere }, orderBy: { sortOrder: "asc" }, select: { id: true, name: true } }),
      db.section.findMany({ where: { planId: plan.id }, orderBy: { sortOrder: "asc" }, select: { id: true, number: true, title: true } }),
    ]);
    const lines = await db.project.findMany({
      where: { planId: plan.id, unitId: { in: units.map((u) => u.id) }, kind: "PROJECT", parentId: null, deletedAt: null, endPeriod: null },
      orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
      take: 5000,
      select: { id: true, name: true, unitId: true, sectionId: true },
    });
    return { plans, plan, units, sections, lines };
  },
});
