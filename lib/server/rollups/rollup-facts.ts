import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { admittedLive, isBuilding, isLine, isProgramme, isSubProject, reportsDue } from "./counting";
import { lineage } from "./project-figures";
import type { QueryClient } from "./rollup-cache";
import { STAMP_COLUMNS, stampsFrom, type Stamps } from "./stamps";

// The facts of a plan's projects that do not depend on the period or on the reports: the counting
// classes (counting.ts), 总投资, the endPeriod a period is checked against, and the milestone dates.
// A rollup needs them for every live, admitted project of the plan; computing them (the milestones
// above all) costs as much as the rest of a rollup. They change only when projects or milestones do,
// so a copy is kept per portfolio version (ProjectRollupFact; RollupStamp.portfolioVersion moves
// with every write to those tables, migration rollup_facts) and a rollup after an approval reads the
// copy. Columns: id, unit_id, section_id, start_year, status, "endPeriod", line, sub, programme,
// building, reports_due, total, start_due, complete_due, start_actual, completed_on.
export function computedFacts(planId: number): Prisma.Sql {
  return Prisma.sql`
    WITH ms AS (
      -- A building's milestones, wherever 续建 left them: done ones stay with the predecessor, the
      -- others moved to the successor; both ends of the lineage read all of them.
      SELECT m.owner AS "projectId",
        min(m."plannedDate") FILTER (WHERE m.code = 'START') AS start_planned,
        min(m."actualDate") FILTER (WHERE m.code = 'START') AS start_actual,
        min(m."plannedDate") FILTER (WHERE m.code = 'COMPLETE') AS complete_planned,
        min(m."actualDate") FILTER (WHERE m.code = 'COMPLETE') AS complete_actual,
        min(m."actualDate") FILTER (WHERE m.code = 'IN_USE') AS in_use_actual
      FROM (
        SELECT m."projectId" AS owner, m.code, m."plannedDate", m."actualDate"
        FROM "Milestone" m JOIN "Project" pp ON pp.id = m."projectId" AND pp."planId" = ${planId}
        WHERE m."deletedAt" IS NULL AND m.code IN ('START', 'COMPLETE', 'IN_USE')
        UNION ALL
        SELECT h.owner, m.code, m."plannedDate", m."actualDate"
        FROM (
          ${lineage(planId)}
          SELECT line AS owner, member AS holder FROM lineage
          UNION ALL SELECT pp.id, s.id FROM "Project" pp JOIN "Project" s ON s."predecessorId" = pp.id WHERE pp."planId" = ${planId}
        ) h JOIN "Milestone" m ON m."projectId" = h.holder
        WHERE m."deletedAt" IS NULL AND m.code IN ('START', 'COMPLETE', 'IN_USE')
      ) m
      GROUP BY m.owner
    )
    SELECT p.id, p."unitId" AS unit_id, p."sectionId" AS section_id, p."startYear" AS start_year, p.status, p."endPeriod",
      ${isLine()} AS line, ${isSubProject()} AS sub, ${isProgramme()} AS programme, ${isBuilding()} AS building, ${reportsDue()} AS reports_due,
      p."totalInvestment" AS total,
      COALESCE(ms.start_planned, make_date(p."startYear", 1, 1)) AS start_due,
      COALESCE(ms.complete_planned, make_date(p."endYear", 12, 31)) AS complete_due,
      ms.start_actual,
      COALESCE(ms.complete_actual, ms.in_use_actual) AS completed_on
    FROM "Project" p
    LEFT JOIN ms ON ms."projectId" = p.id
    WHERE p."planId" = ${planId} AND ${admittedLive()}`;
}

// The kept copy, under the same column names.
export function keptFacts(planId: number, version: string): Prisma.Sql {
  return Prisma.sql`
    SELECT f."projectId" AS id, f."unitId" AS unit_id, f."sectionId" AS section_id, f."startYear" AS start_year, f.status, f."endPeriod",
      f."isLine" AS line, f."isSubProject" AS sub, f."isProgramme" AS programme, f."isBuilding" AS building, f."reportsDue" AS reports_due,
      f.total, f."startDue" AS start_due, f."completeDue" AS complete_due, f."startActual" AS start_actual, f."completedOn" AS completed_on
    FROM "ProjectRollupFact" f WHERE f."planId" = ${planId} AND f.version = ${version}::bigint`;
}

// The CTE `stamp` of a rollup statement: the rollup stamps of its own snapshot (stamps.ts) and `facts_current`: whether
// what it was given from earlier snapshots belongs to this one — the kept facts (factsVersion: the
// copy of the snapshot's portfolio version, and there) and kept partial sums (baseVersion: computed at
// the snapshot's base version). Without either it reads everything itself: always current. A statement
// that was not current is thrown away (rollup-cache.ts cachedStatement): kept copies cost time, never
// a figure.
export function stampAndFacts(planId: number, kept: { factsVersion?: string; baseVersion?: string } = {}): Prisma.Sql {
  const checks: Prisma.Sql[] = [];
  // Compared as text: a version read without a stamp row is 'none', and matches nothing.
  if (kept.factsVersion)
    checks.push(Prisma.sql`s."portfolioVersion"::text = ${kept.factsVersion}
        AND EXISTS (SELECT 1 FROM "ProjectRollupFact" f WHERE f."planId" = ${planId} AND f.version = s."portfolioVersion")`);
  if (kept.baseVersion) checks.push(Prisma.sql`s."baseVersion"::text = ${kept.baseVersion}`);
  return Prisma.sql`
    stamp AS MATERIALIZED (
      SELECT ${STAMP_COLUMNS}, COALESCE(${checks.length ? Prisma.join(checks, " AND ") : Prisma.sql`true`}, false) AS facts_current
      FROM (SELECT 1) one LEFT JOIN "RollupStamp" s ON s.id = 1)`;
}

// The `stamp` CTE's columns in a statement's output, and what they say.
export const STAMP_OUTPUT = Prisma.sql`stamp."all", stamp.portfolio, stamp.base, stamp.indicators, stamp.facts_current`;
export type StampedRow = Stamps & { facts_current: boolean };
export const stampedOf = (row: StampedRow): { stamps: Stamps; factsCurrent: boolean } => ({
  stamps: stampsFrom(row),
  factsCurrent: row.facts_current,
});

// The current portfolio version when a copy of it is kept and visible in this snapshot, else undefined.
export async function keptFactsVersion(client: QueryClient, planId: number): Promise<string | undefined> {
  const [row] = await client.$queryRaw<{ v: string }[]>`
    SELECT s."portfolioVersion"::text AS v FROM "RollupStamp" s
    WHERE s.id = 1 AND EXISTS (SELECT 1 FROM "ProjectRollupFact" f WHERE f."planId" = ${planId} AND f.version = s."portfolioVersion")`;
  return row?.v;
}

// The version of the plan's kept copy for the portfolio version `portfolio` (the request's stamp),
// made if missing; undefined if it could not be made. Remembered in this process, so a rollup after an
// approval asks nothing before its statement (which checks the copy itself: stampAndFacts).
const keptVersion = new Map<number, string>();

export async function keptFactsFor(planId: number, portfolio: string): Promise<string | undefined> {
  if (keptVersion.get(planId) === portfolio) return portfolio;
  const version = await ensureRollupFacts(planId);
  if (version) keptVersion.set(planId, version);
  return version;
}

// Forgets a version the database did not have after all (e.g. tables emptied between tests).
export function forgetKeptFacts(planId: number) {
  keptVersion.delete(planId);
}

// Makes the copy of the current portfolio version exist (a rollup cache miss calls this before its
// snapshot: rollup-cache.ts). Built in one REPEATABLE READ snapshot, so the version and the facts
// belong together; older copies of the plan are removed (readers still in an older snapshot keep
// seeing them). One build per plan at a time in this process; another process building the same
// version at once makes this one fail its insert, which is fine: the copy exists. Resolves to the kept
// version (undefined if none could be kept).
const building = new Map<number, Promise<string | undefined>>();

export function ensureRollupFacts(planId: number): Promise<string | undefined> {
  let job = building.get(planId);
  if (!job) {
    job = buildFacts(planId).finally(() => building.delete(planId));
    building.set(planId, job);
  }
  return job;
}

async function buildFacts(planId: number): Promise<string | undefined> {
  // Usually the copy exists: one statement, no transaction.
  const kept = await keptFactsVersion(db, planId);
  if (kept) return kept;
  try {
    return await db.$transaction(
      async (tx) => {
        const [{ v, kept }] = await tx.$queryRaw<{ v: string; kept: boolean }[]>`
          SELECT s."portfolioVersion"::text AS v,
            EXISTS (SELECT 1 FROM "ProjectRollupFact" f WHERE f."planId" = ${planId} AND f.version = s."portfolioVersion") AS kept
          FROM "RollupStamp" s WHERE s.id = 1`;
        if (kept) return v;
        await tx.$executeRaw`DELETE FROM "ProjectRollupFact" WHERE "planId" = ${planId} AND version < ${v}::bigint`;
        await tx.$executeRaw`
          INSERT INTO "ProjectRollupFact" ("planId", version, "projectId", "unitId", "sectionId", "startYear", status, "endPeriod",
            "isLine", "isSubProject", "isProgramme", "isBuilding", "reportsDue", total, "startDue", "completeDue", "startActual", "completedOn")
          SELECT ${planId}, ${v}::bigint, f.id, f.unit_id, f.section_id, f.start_year, f.status, f."endPeriod",
            f.line, f.sub, f.programme, f.building, f.reports_due, f.total, f.start_due, f.complete_due, f.start_actual, f.completed_on
          FROM (${computedFacts(planId)}) f
          ON CONFLICT DO NOTHING`;
        return v;
      },
      { isolationLevel: "RepeatableRead", timeout: 60_000 },
    );
  } catch (e) {
    // Another build of the plan committed first (a write conflict in this snapshot): its copy serves.
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2034") return keptFactsVersion(db, planId);
    // Without a copy the rollup computes the facts itself: a failed build costs time, never a figure.
    console.error("[rollup-facts] could not keep the facts of plan", planId, e instanceof Error ? e.message : e);
    return undefined;
  }
}
