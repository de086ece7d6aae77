import "server-only";
import { db } from "@/lib/db";
import { authorize } from "@/lib/server/auth/authorize";
import type { SessionUser } from "@/lib/server/auth/current-user";

export async function listUsers(actor: SessionUser) {
  await authorize(actor, "user.manage");
  return db.user.findMany({
    orderBy: [{ role: "asc" }, { username: "asc" }],
    include: { units: { include: { unit: { select: { name: true, plan: { select: { title: true } } } } } } },
  });
}

export async function getUserForEdit(actor: SessionUser, id: number) {
  await authorize(actor, "user.manage");
  return db.user.findUnique({ where: { id }, include: { units: { select: { unitId: true } } } });
}

// Every reporting unit, grouped by plan, for the unit picker.
export async function unitChoices() {
  const plans = await db.plan.findMany({ orderBy: { id: "asc" }, include: { units: { orderBy: { sortOrder: "asc" }, select: { id: true, name: true } } } });
  return plans.filter((p) => p.units.length > 0).map((p) => ({ plan: p.title, units: p.units }));
}
