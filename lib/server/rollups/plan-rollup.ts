import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { zhFinance } from "@/lib/i18n/zh-CN-finance";
import { currentPeriod } from "@/lib/periods";
import { countsAndTotal, inCurrentPortfolio, type Counts } from "./counting";
import { cachedRollup } from "./rollup-cache";

// Results are kept while the data is unchanged (rollup-cache.ts: exact, per the rollup stamp), so the
// plan list and plan pages, which every user opens, do not count the whole portfolio per request.
// "Current" depends on the date too: the key names today's periods.
const today = () => `${currentPeriod("MONTHLY")}:${currentPeriod("QUARTERLY")}`;

// Plan figures as of the current period (plan list, plan page, rollup .xlsx, /api/v1/plans), in SQL.
// Counted and summed as counting.ts says: 项目 = reporting lines, which carry the money; 子项目 and
// 工程/任务 are counted separately.
export type RollupRow = Counts & {
  id: number | null; // null: the projects without a unit (by unit only)
  name: string;
};

export type RollupBy = "unit" | "section";

const GROUP = {
  unit: { table: Prisma.sql`"ReportingUnit"`, fk: Prisma.sql`"unitId"`, name: Prisma.sql`g."name"` },
  section: { table: Prisma.sql`"Section"`, fk: Prisma.sql`"sectionId"`, name: Prisma.sql`COALESCE(g."number" || ' ', '') || g."title"` },
};

// Every group of the plan, in order; by unit also 未分配单位 when some rows have no unit, so the groups
// always add up to planTotals.
export async function planRollup(planId: number, by: RollupBy): Promise<RollupRow[]> {
  const g = GROUP[by];
  const noUnit =
    by === "unit"
      ? Prisma.sql`UNION ALL
        SELECT NULL, ${zhFinance.noUnit}::text, ${countsAndTotal()}, NULL, NULL
        FROM "Project" p WHERE p."planId" = ${planId} AND p."unitId" IS NULL AND ${inCurrentPortfolio()}
        HAVING count(*) > 0`
      : Prisma.empty;
  const rows = await cachedRollup(`planRollup:${planId}:${by}:${today()}`, (client) =>
    client.$queryRaw<(RollupRow & { ord: number | null; gid: number | null })[]>(Prisma.sql`
    SELECT g.id, ${g.name} AS name, ${countsAndTotal()}, g."sortOrder" AS ord, g.id AS gid
    FROM ${g.table} g
    LEFT JOIN "Project" p ON p.${g.fk} = g.id AND ${inCurrentPortfolio()}
    WHERE g."planId" = ${planId}
    GROUP BY g.id
    ${noUnit}
    ORDER BY ord NULLS LAST, gid`),
  );
  return rows.map(({ ord: _o, gid: _g, ...r }) => r);
}

// Plan-wide figures, computed over the projects directly (not by adding the groups), so a test can
// check that the groups add up to the total.
export async function planTotals(planId: number): Promise<Counts> {
  const [row] = await cachedRollup(`planTotals:${planId}:${today()}`, (client) =>
    client.$queryRaw<Counts[]>(Prisma.sql`
    SELECT ${countsAndTotal()} FROM "Project" p WHERE p."planId" = ${planId} AND ${inCurrentPortfolio()}`),
  );
  return { ...row };
}

// Totals of all plans at once, for the plan list and /api/v1/plans.
export async function allPlanTotals(): Promise<Map<number, Counts>> {
  const rows = await cachedRollup(`allPlanTotals:${today()}`, (client) =>
    client.$queryRaw<(Counts & { planId: number })[]>(Prisma.sql`
    SELECT p."planId", ${countsAndTotal()} FROM "Project" p WHERE ${inCurrentPortfolio()} GROUP BY p."planId"`),
  );
  return new Map(rows.map(({ planId, ...r }) => [planId, r]));
}
