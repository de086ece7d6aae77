import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { operation } from "@/lib/server/operation";
import { recordId } from "@/lib/schemas/fields";

export const listUsers = operation({
  permission: "user.manage",
  input: z.object({}).default({}),
  async run() {
    return db.user.findMany({
      orderBy: [{ role: "asc" }, { username: "asc" }],
      include: { units: { include: { unit: { select: { name: true, plan: { select: { title: true } } } } } } },
    });
  },
});

// One user for the edit form; null when there is none.
export const getUserForEdit = operation({
  permission: "user.manage",
  input: z.object({ id: recordId() }),
  async run(_actor, v) {
    return db.user.findUnique({ where: { id: v.id }, include: { units: { select: { unitId: true } } } });
  },
});

// Every active reporting unit, grouped by plan, for the unit picker of the user forms (a retired
// unit's officers were moved to the unit it merged into).
export const unitChoices = operation({
  permission: "user.manage",
  input: z.object({}).default({}),
  async run() {
    const plans = await db.plan.findMany({
      orderBy: { id: "asc" },
      select: { title: true, units: { where: { retiredAt: null }, orderBy: { sortOrder: "asc" }, select: { id: true, name: true } } },
    });
    return plans.filter((p) => p.units.length > 0).map((p) => ({ plan: p.title, units: p.units }));
  },
});
