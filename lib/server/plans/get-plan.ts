import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { planRollup, planTotals } from "@/lib/server/rollups/plan-rollup";

export async function getPlan(id: number) {
  const plan = await db.plan.findUnique({
    where: { id },
    include: { region: { select: { name: true } }, _count: { select: { warnings: true } } },
  });
  if (!plan) throw new AppError("NOT_FOUND", "找不到该规划。");
  const [byUnit, bySection, totals] = await Promise.all([planRollup(id, "unit"), planRollup(id, "section"), planTotals(id)]);
  return { plan, byUnit, bySection, totals };
}

export async function getPlanWarnings(planId: number) {
  return db.dataWarning.findMany({
    where: { planId },
    orderBy: { id: "asc" },
    include: {
      section: { select: { id: true, number: true, title: true } },
      project: { select: { id: true, name: true, unit: { select: { name: true } } } },
    },
  });
}
