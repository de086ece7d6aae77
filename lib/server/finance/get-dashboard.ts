import "server-only";
import { dashboardQuerySchema } from "@/lib/schemas/finance";
import { operation } from "@/lib/server/operation";
import { drillProjects } from "@/lib/server/rollups/drill-projects";
import { groupRollup, keptFactPartials, type Dim } from "@/lib/server/rollups/group-rollup";
import { trend } from "@/lib/server/rollups/trend";
import { cachedRollup } from "@/lib/server/rollups/rollup-cache";
import { planContext } from "./plan-context";

// Units, categories, unit × category cells and the total in one statement (GROUPING SETS).
export const DASHBOARD_SETS: Dim[][] = [["unit"], ["category"], ["unit", "category"], []];
export const LIST_LIMIT = 10;

// Everything the finance dashboard of a plan shows, for one period.
export const getDashboard = operation({
  permission: "plan.read",
  input: dashboardQuerySchema,
  async run(_actor, v) {
    const ctx = await planContext(v.plan, v.period);
    const cycle = ctx.plan.reportingCycle;
    const q = { planId: ctx.plan.id, period: ctx.period, includeSubmitted: v.submitted };
    const key = `dashboard:${q.planId}:${q.period}:${q.includeSubmitted}`;
    // Kept across approvals (base version); read before the snapshot, which checks they belong to it.
    const partials = await keptFactPartials(key, q, DASHBOARD_SETS);
    const data = await cachedRollup(
      key,
      async (client) => {
        const [units, categories, cells, [total]] = await groupRollup(client, q, DASHBOARD_SETS, cycle, partials);
        return {
          units,
          categories,
          cells,
          total,
          trend: await trend(client, q, cycle),
          overdue: await drillProjects(client, { ...q, key: {}, figure: "overdue", limit: LIST_LIMIT, withMoney: false }),
          notReported: await drillProjects(client, { ...q, key: {}, figure: "notReported", limit: LIST_LIMIT, withMoney: false }),
        };
      },
      { factsOf: q.planId },
    );
    return { ...ctx, includeSubmitted: v.submitted, ...data };
  },
});

export type Dashboard = Awaited<ReturnType<typeof getDashboard>>;
