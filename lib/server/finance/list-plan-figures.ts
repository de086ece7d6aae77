import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { operation } from "@/lib/server/operation";
import { NO_COUNTS } from "@/lib/server/rollups/counting";
import { cachedGroupRollup } from "@/lib/server/rollups/group-rollup";
import { allPlanTotals } from "@/lib/server/rollups/plan-rollup";
import { planContext } from "./plan-context";

// Every plan with its total figures for its own current period (the rollup "by plan").
export const listPlanFigures = operation({
  permission: "plan.read",
  input: z.object({}).default({}),
  async run() {
    const plans = await db.plan.findMany({ orderBy: { id: "asc" }, select: { id: true } });
    const out = [];
    for (const { id } of plans) {
      const ctx = await planContext(id, undefined);
      const q = { planId: id, period: ctx.period, includeSubmitted: false };
      const [[total]] = await cachedGroupRollup(`rollup:${id}:${ctx.period}:false:total`, q, [[]], ctx.plan.reportingCycle);
      out.push({ ...ctx, total });
    }
    return out;
  },
});

// GET /api/v1/plans: the plans a caller can ask rollups for, with their counts and 总投资 (no period:
// the plan page's figures, counted as in lib/server/rollups/counting.ts).
export const listPlansForApi = operation({
  permission: "plan.read",
  input: z.object({}).default({}),
  async run() {
    const [plans, totals] = await Promise.all([db.plan.findMany({ orderBy: { id: "asc" }, include: { region: { select: { name: true } } } }), allPlanTotals()]);
    return {
      plans: plans.map((p) => ({
        id: p.id,
        key: p.key,
        title: p.title,
        level: p.level,
        region: p.region.name,
        period: { start: p.periodStart, end: p.periodEnd },
        reportingCycle: p.reportingCycle,
        hasProjectList: p.hasProjectList,
        figures: totals.get(p.id) ?? NO_COUNTS,
      })),
    };
  },
});
