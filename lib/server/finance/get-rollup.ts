import "server-only";
import { UNIT_LABEL } from "@/lib/money";
import { rollupQuerySchema, type ROLLUP_BY } from "@/lib/schemas/finance";
import { operation } from "@/lib/server/operation";
import { cachedGroupRollup, type Dim } from "@/lib/server/rollups/group-rollup";
import { planContext } from "./plan-context";

export const ROLLUP_SETS: Record<(typeof ROLLUP_BY)[number], Dim[][]> = {
  unit: [["unit"], []],
  category: [["category"], []],
  year: [["year"], []],
  status: [["status"], []],
  unitCategory: [["unit", "category"], []],
};

// GET /api/v1/rollups: one grouping of a plan for one period, with the plan total.
export const getRollup = operation({
  permission: "plan.read",
  input: rollupQuerySchema,
  async run(_actor, v) {
    const ctx = await planContext(v.plan, v.period);
    const q = { planId: ctx.plan.id, period: ctx.period, includeSubmitted: v.submitted };
    const [rows, [total]] = await cachedGroupRollup(
      `rollup:${q.planId}:${q.period}:${q.includeSubmitted}:${v.by}`,
      q,
      ROLLUP_SETS[v.by],
      ctx.plan.reportingCycle,
    );
    return {
      plan: { id: ctx.plan.id, title: ctx.plan.title },
      by: v.by,
      period: ctx.period,
      asOf: ctx.asOf,
      includeSubmitted: v.submitted,
      moneyUnit: UNIT_LABEL.wan,
      percentUnit: "%",
      rows,
      total,
    };
  },
});
