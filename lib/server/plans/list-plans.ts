import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { operation } from "@/lib/server/operation";
import { allPlanTotals } from "@/lib/server/rollups/plan-rollup";

// Every plan with its totals (the plan list and its CSV).
export const listPlans = operation({
  permission: "plan.read",
  input: z.object({}).default({}),
  async run() {
    const [plans, totals] = await Promise.all([
      db.plan.findMany({
        orderBy: { id: "asc" },
        omit: { sourceDocument: true, reminderWebhookUrl: true }, // the webhook may carry a key: plan settings only
        include: { region: { select: { name: true } }, _count: { select: { warnings: true } } },
      }),
      allPlanTotals(),
    ]);
    return plans.map((p) => ({ ...p, totals: totals.get(p.id) ?? null }));
  },
});
