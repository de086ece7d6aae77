import "server-only";
import { db } from "@/lib/db";
import { allPlanTotals } from "@/lib/server/rollups/plan-rollup";

export async function listPlans() {
  const [plans, totals] = await Promise.all([
    db.plan.findMany({
      orderBy: { id: "asc" },
      include: { region: { select: { name: true } }, _count: { select: { warnings: true } } },
    }),
    allPlanTotals(),
  ]);
  return plans.map((p) => ({ ...p, totals: totals.get(p.id) ?? null }));
}
