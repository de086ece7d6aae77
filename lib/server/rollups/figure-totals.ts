import "server-only";
import { rate } from "@/lib/rates";
import { Decimal } from "decimal.js";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { carriesMoney, isLine, isSubProject } from "./counting";
import { projectFiguresSql, type FiguresQuery } from "./project-figures";

// Group totals of the per-project period figures (project-figures.ts), in SQL: per unit and
// section, per unit, and for the whole query (GROUPING SETS over exactly the rows the 调度表 lists).
// A sum is null when no project in the group has the figure (unknown, never 0). Counted and summed
// as counting.ts says: 项目 = reporting lines, which carry the money; 子项目 are counted separately.
export type FigureTotals = {
  projectCount: number;
  subProjectCount: number;
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

export const EMPTY_TOTALS: FigureTotals = {
  projectCount: 0,
  subProjectCount: 0,
  totalWan: null,
  annualPlanWan: null,
  periodWan: null,
  yearToDateWan: null,
  cumulativeWan: null,
};

export async function figureTotals(q: FiguresQuery): Promise<FigureTotalsResult> {
  const rows = await db.$queryRaw<Row[]>(Prisma.sql`
    SELECT f."unitId", f."sectionId", GROUPING(f."unitId", f."sectionId")::int AS grouping,
      count(*) FILTER (WHERE ${isLine()})::int AS "projectCount",
      count(*) FILTER (WHERE ${isSubProject()})::int AS "subProjectCount",
      sum(f."totalWan"::numeric) FILTER (WHERE ${carriesMoney()})::text AS "totalWan",
      sum(f."annualPlanWan"::numeric) FILTER (WHERE ${carriesMoney()})::text AS "annualPlanWan",
      sum(f."periodWan"::numeric) FILTER (WHERE ${carriesMoney()})::text AS "periodWan",
      sum(f."yearToDateWan"::numeric) FILTER (WHERE ${carriesMoney()})::text AS "yearToDateWan",
      sum(f."cumulativeWan"::numeric) FILTER (WHERE ${carriesMoney()})::text AS "cumulativeWan"
    FROM (${projectFiguresSql(q)}) f
    JOIN "Project" p ON p.id = f.id
    GROUP BY GROUPING SETS ((f."unitId", f."sectionId"), (f."unitId"), ())`);
  const result: FigureTotalsResult = { grand: EMPTY_TOTALS, byUnit: new Map(), byUnitSection: new Map() };
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
