import "server-only";
import { rate } from "@/lib/rates";
import { Decimal } from "decimal.js";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { projectFiguresSql, type FiguresQuery } from "./project-figures";

// Group totals of the per-project period figures (project-figures.ts), in SQL: per unit and
// section, per unit, and for the whole query (GROUPING SETS over exactly the rows the 调度表 lists).
// A sum is null when no project in the group has the figure (unknown, never 0). Projects are counted
// as in plan-rollup.ts: once as a leaf (a bundle counts as its sub-projects).
export type FigureTotals = {
  projectCount: number;
  totalWan: string | null;
  annualPlanWan: string | null;
  periodWan: string | null;
  yearToDateWan: string | null;
  cumulativeWan: string | null;
};

type Row = FigureTotals & { unitId: number | null; sectionId: number | null; grouping: number };

export type FigureTotalsResult = {
  grand: FigureTotals;
  byUnit: Map<number | null, FigureTotals>;
  // key: `${unitId}:${sectionId}` (unitId "null" for projects without a unit)
  byUnitSection: Map<string, FigureTotals>;
};

export const unitSectionKey = (unitId: number | null, sectionId: number) => `${unitId}:${sectionId}`;

const EMPTY: FigureTotals = { projectCount: 0, totalWan: null, annualPlanWan: null, periodWan: null, yearToDateWan: null, cumulativeWan: null };

export async function figureTotals(q: FiguresQuery): Promise<FigureTotalsResult> {
  const rows = await db.$queryRaw<Row[]>(Prisma.sql`
    SELECT f."unitId", f."sectionId", GROUPING(f."unitId", f."sectionId")::int AS grouping,
      count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM "Project" c WHERE c."parentId" = f.id AND c."deletedAt" IS NULL))::int AS "projectCount",
      sum(f."totalWan"::numeric)::text AS "totalWan",
      sum(f."annualPlanWan"::numeric)::text AS "annualPlanWan",
      sum(f."periodWan"::numeric)::text AS "periodWan",
      sum(f."yearToDateWan"::numeric)::text AS "yearToDateWan",
      sum(f."cumulativeWan"::numeric)::text AS "cumulativeWan"
    FROM (${projectFiguresSql(q)}) f
    GROUP BY GROUPING SETS ((f."unitId", f."sectionId"), (f."unitId"), ())`);
  const result: FigureTotalsResult = { grand: EMPTY, byUnit: new Map(), byUnitSection: new Map() };
  for (const { unitId, sectionId, grouping, ...t } of rows) {
    if (grouping === 3) result.grand = t;
    else if (grouping === 1) result.byUnit.set(unitId, t);
    else result.byUnitSection.set(unitSectionKey(unitId, sectionId!), t);
  }
  return result;
}

// 完成率 in the 调度表 = the 投资完成率 of lib/rates.ts (本年累计完成 ÷ 年度计划投资), as the fraction Excel
// formats as a percentage, so the sheet shows what the dashboard shows.
export function completionRate(yearToDateWan: string | null, annualPlanWan: string | null): Decimal | null {
  const percent = rate(yearToDateWan, annualPlanWan);
  return percent === null ? null : new Decimal(percent).div(100);
}
