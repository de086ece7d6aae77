import "server-only";
import { drillQuerySchema } from "@/lib/schemas/finance";
import { operation } from "@/lib/server/operation";
import { drillProjects } from "@/lib/server/rollups/drill-projects";
import { groupRollup, type Dim, type GroupKey } from "@/lib/server/rollups/group-rollup";
import { cachedRollup } from "@/lib/server/rollups/rollup-cache";
import { planContext } from "./plan-context";

export const DRILL_LIMIT = 500;

// The projects behind one figure of one group, with the group's figures (the same SQL as the
// dashboard, so the list and the number it came from agree).
export const drillDown = operation({
  permission: "plan.read",
  input: drillQuerySchema,
  async run(_actor, v) {
    const ctx = await planContext(v.plan, v.period);
    const q = { planId: ctx.plan.id, period: ctx.period, includeSubmitted: v.submitted };
    const key: GroupKey = {};
    const set: Dim[] = [];
    if (v.unit !== undefined) {
      key.unitId = v.unit === "none" ? null : v.unit;
      set.push("unit");
    }
    if (v.section !== undefined) {
      key.sectionId = v.section;
      set.push("category");
    }
    if (v.year !== undefined) {
      key.startYear = v.year === "none" ? null : v.year;
      set.push("year");
    }
    if (v.status !== undefined) {
      key.status = v.status;
      set.push("status");
    }
    const cacheKey = `drill:${q.planId}:${q.period}:${q.includeSubmitted}:${JSON.stringify(key)}:${v.figure}`;
    const { group, list } = await cachedRollup(
      cacheKey,
      async (client) => {
        const [rows] = await groupRollup(client, q, [set], ctx.plan.reportingCycle);
        const group = rows.find((r) => JSON.stringify(r.key) === JSON.stringify(key)) ?? null;
        return { group, list: await drillProjects(client, { ...q, key, figure: v.figure, limit: DRILL_LIMIT }) };
      },
      { factsOf: q.planId },
    );
    return { ...ctx, includeSubmitted: v.submitted, key, figure: v.figure, group, rows: list.rows, count: list.count, limit: DRILL_LIMIT };
  },
});
