import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { type DRILL_FIGURE_NAMES } from "@/lib/schemas/finance";
import { projectFacts, withKeptFacts, type GroupKey, type RollupQuery } from "./group-rollup";
import type { QueryClient } from "./rollup-cache";

// The projects behind each figure (drill-down), as predicates over pf, matching the figures of group-rollup.ts.
export type DrillFigure = (typeof DRILL_FIGURE_NAMES)[number];

// Lines due to report (counting.ts reportsDue, as in 填报情况) that have not: reported means the period's
// current revision is submitted or approved, or an approved revision counts.
const REPORTED = (period: string) => Prisma.sql`EXISTS (SELECT 1 FROM "ProgressReport" rr WHERE rr."projectId" = pf.id AND rr.period = ${period}
  AND (rr."isOfficial" OR (rr."isCurrent" AND rr.status IN ('SUBMITTED', 'APPROVED'))))`;

function drillPredicate(figure: DrillFigure, period: string): Prisma.Sql {
  switch (figure) {
    case "projects":
    case "money":
      return Prisma.sql`pf.line`;
    case "unknown":
      return Prisma.sql`pf.line AND pf.total IS NULL`;
    case "dueStart":
      return Prisma.sql`pf.building AND pf.due_start`;
    case "started":
      return Prisma.sql`pf.building AND pf.started`;
    case "notStarted":
      return Prisma.sql`pf.building AND pf.due_start AND NOT pf.started`;
    case "dueComplete":
      return Prisma.sql`pf.building AND pf.due_complete`;
    case "onTime":
      return Prisma.sql`pf.building AND pf.on_time`;
    case "overdue":
      return Prisma.sql`pf.building AND ((pf.due_start AND NOT pf.started) OR (pf.due_complete AND NOT pf.completed))`;
    case "notReported":
      return Prisma.sql`pf.reports_due AND NOT ${REPORTED(period)}`;
  }
}

// Projects behind a figure of a group: the drill-down. Per-project figures come from the same pf
// rows the rollup sums, so the list adds up to the figure shown on the dashboard.
export type DrillRow = {
  id: number;
  name: string;
  parentId: number | null;
  unitId: number | null;
  unitName: string | null;
  sectionId: number;
  sectionName: string;
  startYear: number | null;
  endYear: number | null;
  status: string;
  kind: string;
  line: boolean; // a reporting line: counted as 项目, carries the money
  subProjectCount: number; // its sub-projects (a bundle line), counted apart
  totalWan: string | null;
  annualPlanWan: string | null;
  completedYearWan: string | null;
  completedToDateWan: string | null;
  fundsYearWan: string | null;
  startDue: Date | null;
  completeDue: Date | null;
  started: boolean;
  completed: boolean;
  reportStatus: string | null; // status of the period's current revision, null = not reported
  overdueStart: boolean;
  overdueComplete: boolean;
};

export type DrillQuery = RollupQuery & { key: GroupKey; figure: DrillFigure; limit?: number; withMoney?: boolean };

function keyFilter(key: GroupKey): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  if (key.unitId !== undefined) parts.push(key.unitId === null ? Prisma.sql`pf.unit_id IS NULL` : Prisma.sql`pf.unit_id = ${key.unitId}`);
  if (key.sectionId !== undefined) parts.push(Prisma.sql`pf.section_id = ${key.sectionId}`);
  if (key.startYear !== undefined) parts.push(key.startYear === null ? Prisma.sql`pf.start_year IS NULL` : Prisma.sql`pf.start_year = ${key.startYear}`);
  if (key.status !== undefined) parts.push(Prisma.sql`pf.status::text = ${key.status}`);
  return parts.length ? Prisma.sql`AND ${Prisma.join(parts, " AND ")}` : Prisma.empty;
}

export async function drillProjects(client: QueryClient, q: DrillQuery): Promise<{ rows: DrillRow[]; count: number }> {
  // First the matching rows in order (and their count), then the details of the ones shown.
  const rows = await client.$queryRaw<(DrillRow & { total_count: number })[]>(Prisma.sql`
    WITH ${projectFacts(await withKeptFacts(client, q), q.withMoney ?? true)},
    picked AS (
      SELECT pf.*, count(*) OVER () AS total_count,
        row_number() OVER (ORDER BY ${q.figure === "overdue" ? Prisma.sql`LEAST(pf.start_due, pf.complete_due) NULLS LAST, ` : Prisma.empty}u."sortOrder" NULLS LAST, s."sortOrder", p."sortOrder", p.id) AS ord
      FROM pf
      JOIN "Project" p ON p.id = pf.id
      JOIN "Section" s ON s.id = p."sectionId"
      LEFT JOIN "ReportingUnit" u ON u.id = p."unitId"
      WHERE (${drillPredicate(q.figure, q.period)}) ${keyFilter(q.key)}
      ORDER BY ord
      ${q.limit ? Prisma.sql`LIMIT ${q.limit}` : Prisma.empty}
    )
    SELECT p.id, p.name, p."parentId", p."unitId", u.name AS "unitName", p."sectionId", COALESCE(s.number || ' ', '') || s.title AS "sectionName",
      p."startYear", p."endYear", p.status::text AS status, p.kind::text AS kind, pf.line,
      CASE WHEN pf.line THEN pf.total::text END AS "totalWan",
      CASE WHEN pf.line THEN pf.annual::text END AS "annualPlanWan",
      CASE WHEN pf.line THEN pf.year_wan::text END AS "completedYearWan",
      CASE WHEN pf.line THEN pf.cum_wan::text END AS "completedToDateWan",
      CASE WHEN pf.line THEN pf.funds_wan::text END AS "fundsYearWan",
      pf.start_due AS "startDue", pf.complete_due AS "completeDue", pf.started, pf.completed,
      cur.status::text AS "reportStatus",
      pf.building AND pf.due_start AND NOT pf.started AS "overdueStart",
      pf.building AND pf.due_complete AND NOT pf.completed AS "overdueComplete",
      (SELECT count(*) FROM "Project" ch WHERE ch."parentId" = p.id AND ch."deletedAt" IS NULL)::int AS "subProjectCount",
      pf.total_count::int AS total_count
    FROM picked pf
    JOIN "Project" p ON p.id = pf.id
    JOIN "Section" s ON s.id = p."sectionId"
    LEFT JOIN "ReportingUnit" u ON u.id = p."unitId"
    LEFT JOIN "ProgressReport" cur ON cur."projectId" = p.id AND cur.period = ${q.period} AND cur."isCurrent"
    ORDER BY pf.ord`);
  return { rows: rows.map(({ total_count: _c, ...r }) => r), count: rows[0]?.total_count ?? 0 };
}
