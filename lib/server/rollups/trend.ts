import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { periodYear, periodsOfYear, type Cycle } from "@/lib/periods";
import { carriesMoney, inPortfolio, notLeftBy } from "./counting";
import type { RollupQuery } from "./group-rollup";
import { annualAmount, countedReports, lineage } from "./project-figures";
import type { QueryClient } from "./rollup-cache";

// Completed investment per period of the period's year (本期完成, 本年累计 up to the period) and the
// 序时 plan line (annual plan × share of the year). The cumulative value at the period equals the
// rollup's completedYearWan: same rows (the lines that carry money), same counted reports.
export type TrendPoint = { period: string; completedWan: string | null; cumulativeWan: string | null; plannedWan: string | null };

export function trendSql(q: RollupQuery, cycle: Cycle): Prisma.Sql {
  const year = periodYear(q.period);
  const wan = Prisma.raw(q.includeSubmitted ? `f."withSubmittedPeriodWan"` : `f."periodWan"`);
  // Each line's running-figure row of a period holds the period's counted amount of its lineage; the
  // rows carry their line's keys (migration figure_group_keys), so no join picks the lines.
  const perPeriod = q.fromReports
    ? trendFromReports(q)
    : Prisma.sql`
      SELECT f.period, sum(${wan}) AS wan
      FROM "ProjectPeriodFigure" f
      WHERE f."planId" = ${q.planId} AND f.year = ${year} AND f.period <= ${q.period} AND f."moneyLine" AND ${notLeftBy(q.period, "f")}
      GROUP BY f.period`;
  const periods = periodsOfYear(year, cycle);
  return Prisma.sql`
    WITH lines AS (SELECT p.id FROM "Project" p WHERE p."planId" = ${q.planId} AND ${inPortfolio(q.period)} AND ${carriesMoney()}),
    per AS (${perPeriod}),
    annual AS (SELECT sum(${annualAmount(q.includeSubmitted ?? false)}) AS wan FROM "AnnualPlanAmount" a JOIN lines ON lines.id = a."projectId" WHERE a.year = ${year})
    SELECT k.period, per.wan::text AS "completedWan",
      CASE WHEN k.period <= ${q.period} THEN (sum(per.wan) OVER (ORDER BY k.ord))::text END AS "cumulativeWan",
      round(annual.wan * k.ord / ${periods.length}, 4)::text AS "plannedWan"
    FROM unnest(${periods}::text[]) WITH ORDINALITY AS k(period, ord)
    LEFT JOIN per ON per.period = k.period
    CROSS JOIN annual
    ORDER BY k.ord`;
}

// The reference: each period's amount summed from the counted reports of the lines and their
// lineage (tests compare both).
function trendFromReports(q: RollupQuery): Prisma.Sql {
  return Prisma.sql`
      SELECT r.period, sum(r."completedAmount") AS wan
      FROM "ProgressReport" r
      JOIN (SELECT id AS member FROM lines UNION ALL (${lineage(q.planId)} SELECT l.member FROM lineage l JOIN lines ON lines.id = l.line)) members
        ON members.member = r."projectId"
      WHERE r.year = ${periodYear(q.period)} AND r.period <= ${q.period} AND (${countedReports(q.includeSubmitted ?? false)})
      GROUP BY r.period`;
}

export async function trend(client: QueryClient, q: RollupQuery, cycle: Cycle): Promise<TrendPoint[]> {
  return client.$queryRaw<TrendPoint[]>(trendSql(q, cycle));
}
