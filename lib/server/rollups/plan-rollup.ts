import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";

// The one place plan figures are computed (pages, API and exports read this), in SQL.
// Rules: a bundled parent carries the money and its sub-projects none, so SUM never double counts;
// a project counts once as a leaf (a bundle counts as its sub-projects); unknown investment is a
// top-level project with NULL total — counted, never summed as 0.
export type RollupRow = {
  id: number | null;
  name: string;
  projectCount: number;
  programmeCount: number;
  totalWan: string | null; // exact decimal string in 万元; null when no project has a figure
  unknownCount: number;
};

export type RollupBy = "unit" | "section";

const GROUP = {
  unit: { table: Prisma.sql`"ReportingUnit"`, fk: Prisma.sql`"unitId"`, name: Prisma.sql`g."name"` },
  section: { table: Prisma.sql`"Section"`, fk: Prisma.sql`"sectionId"`, name: Prisma.sql`COALESCE(g."number" || ' ', '') || g."title"` },
};

const FIGURES = Prisma.sql`
  count(p.id) FILTER (WHERE p.kind = 'PROJECT' AND c."parentId" IS NULL)::int AS "projectCount",
  count(p.id) FILTER (WHERE p.kind = 'PROGRAMME')::int AS "programmeCount",
  sum(p."totalInvestment")::text AS "totalWan",
  count(p.id) FILTER (WHERE p.kind = 'PROJECT' AND p."parentId" IS NULL AND p."totalInvestment" IS NULL)::int AS "unknownCount"`;

const PROJECTS = Prisma.sql`
  "Project" p LEFT JOIN (SELECT DISTINCT "parentId" FROM "Project" WHERE "parentId" IS NOT NULL AND "deletedAt" IS NULL) c ON c."parentId" = p.id`;

export async function planRollup(planId: number, by: RollupBy): Promise<RollupRow[]> {
  const g = GROUP[by];
  return db.$queryRaw<RollupRow[]>(Prisma.sql`
    SELECT g.id, ${g.name} AS name, ${FIGURES}
    FROM ${g.table} g
    LEFT JOIN (${PROJECTS}) ON p.${g.fk} = g.id AND p."deletedAt" IS NULL
    WHERE g."planId" = ${planId}
    GROUP BY g.id
    ORDER BY g."sortOrder", g.id`);
}

// Plan-wide figures, computed over the projects directly (not by adding the groups), so a test can
// check that the groups add up to the total. Projects without a unit are included here.
export async function planTotals(planId: number): Promise<Omit<RollupRow, "id" | "name">> {
  const [row] = await db.$queryRaw<RollupRow[]>(Prisma.sql`
    SELECT ${FIGURES} FROM ${PROJECTS} WHERE p."planId" = ${planId} AND p."deletedAt" IS NULL`);
  return row;
}

// Totals of all plans at once, for the plan list.
export async function allPlanTotals(): Promise<Map<number, Omit<RollupRow, "id" | "name">>> {
  const rows = await db.$queryRaw<(RollupRow & { planId: number })[]>(Prisma.sql`
    SELECT p."planId", ${FIGURES} FROM ${PROJECTS} WHERE p."deletedAt" IS NULL GROUP BY p."planId"`);
  return new Map(rows.map((r) => [r.planId, r]));
}
