import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { periodYear } from "@/lib/periods";
import { inPortfolio, notLeftBy } from "./counting";

// Per-project progress figures for one period, computed in SQL. The officer's desk, the 调度表
// export and the group rollups all read this, so a figure is the same everywhere.
//
// Official figures count only approved revisions (isOfficial). With includeSubmitted, a period's
// submitted-but-unapproved current revision replaces its official one (never both), and screens
// must label the result as including unapproved figures.
export type ProjectFigures = {
  id: number;
  name: string;
  owner: string | null;
  startYear: number | null;
  endYear: number | null;
  status: string;
  parentId: number | null;
  unitId: number | null;
  unitName: string | null;
  sectionId: number;
  sectionName: string;
  totalWan: string | null; // 总投资
  annualPlanWan: string | null; // 年度计划投资 (the period's year)
  periodWan: string | null; // 本期完成
  yearToDateWan: string | null; // 本年累计完成
  cumulativeWan: string | null; // 累计完成
  yearFundsWan: string | null; // 本年资金到位
  // Text of the counted revision (approved; or submitted with includeSubmitted), never a draft.
  progressPercent: string | null; // 形象进度 %
  progressText: string | null;
  problems: string | null;
  nextSteps: string | null;
  reportStatus: string | null; // status of the period's current revision (null = not reported)
};

// fromReports: compute from the reports instead of the running figures (the reference, for tests).
export type FiguresQuery = { planId: number; period: string; unitId?: number; includeSubmitted?: boolean; projectIds?: number[]; fromReports?: boolean };

// The report rows that count for figures, per the rule above.
export function countedReports(includeSubmitted: boolean) {
  return includeSubmitted
    ? Prisma.sql`(r."isCurrent" AND r.status = 'SUBMITTED') OR (r."isOfficial" AND NOT EXISTS (
        SELECT 1 FROM "ProgressReport" s WHERE s."projectId" = r."projectId" AND s.period = r.period AND s."isCurrent" AND s.status = 'SUBMITTED'))`
    : Prisma.sql`r."isOfficial"`;
}

// 年度计划投资 of a project and year from its AnnualPlanAmount row `a`: the official (approved or
// 下达) amount; with includeSubmitted a submitted proposal replaces it (never a draft or a returned one).
export function annualAmount(includeSubmitted: boolean) {
  return includeSubmitted ? Prisma.sql`COALESCE(CASE WHEN a."proposalStatus" = 'SUBMITTED' THEN a."proposedAmount" END, a.amount)` : Prisma.sql`a.amount`;
}

// The revision whose text (形象进度, 存在问题, 下步计划) is shown for a project's period: the same revision
// the figures count — the approved one, or with includeSubmitted the submitted current one instead.
// Joined as `shown`; never a draft or a returned report.
export function shownRevisionJoin(period: string, includeSubmitted: boolean) {
  return includeSubmitted
    ? Prisma.sql`LEFT JOIN LATERAL (SELECT * FROM "ProgressReport" sr WHERE sr."projectId" = p.id AND sr.period = ${period}
        AND ((sr."isCurrent" AND sr.status = 'SUBMITTED') OR sr."isOfficial") ORDER BY (sr.status = 'SUBMITTED') DESC LIMIT 1) shown ON true`
    : Prisma.sql`LEFT JOIN "ProgressReport" shown ON shown."projectId" = p.id AND shown.period = ${period} AND shown."isOfficial"`;
}

// The projects whose reports count for a line of the plan: the line itself and, for a 续建 project
// carried over from a finished plan, its predecessors (their reports were filed before the cut-over;
// later ones moved to the successor). Columns: line, member.
// Only the predecessors: a line's own rows are read directly (the covering index keeps that fast), and
// the few carried lines add their ancestors' rows. Columns: line, member.
export function lineage(planId: number) {
  return Prisma.sql`WITH RECURSIVE lineage(line, member) AS (
      SELECT pp.id, pp."predecessorId" FROM "Project" pp WHERE pp."planId" = ${planId} AND pp."predecessorId" IS NOT NULL
      UNION ALL
      SELECT l.line, q."predecessorId" FROM lineage l JOIN "Project" q ON q.id = l.member WHERE q."predecessorId" IS NOT NULL)`;
}

// The counted amounts per line up to a period: 本期, 本年累计 (every counted amount of the calendar year,
// whichever plan it was filed under), 累计, 本年资金到位. Read from the running figures
// (ProjectPeriodFigure, maintained by triggers in the transaction of every write to the reports or
// to a carry-over link; migrations project_period_figures, figure_until_period): per project the row
// that holds the period (period <= P < untilPeriod), never the reports themselves. That row's running
// sums are exactly the sums over the counted reports up to the period (countedSumsFromReports, kept
// below as the reference): 累计 = its cumulative sum; 本年累计 and 资金 = its year-to-date sums when it
// lies in the period's year (else nothing was counted this year); 本期 = its own amount when it is the
// period itself. Rows of every plan: readers join them to their own projects (one index range for all
// projects at once, rather than a search per project).
export function countedSums(q: { planId: number; period: string; includeSubmitted?: boolean; fromReports?: boolean }) {
  if (q.fromReports) return countedSumsFromReports(q);
  const year = periodYear(q.period);
  const col = (name: "PeriodWan" | "YearWan" | "CumulativeWan" | "YearFundsWan") =>
    Prisma.raw(q.includeSubmitted ? `f."withSubmitted${name}"` : `f."${name[0].toLowerCase()}${name.slice(1)}"`);
  // Two index ranges (the latest rows, and rows followed by a later one), each read from the covering
  // index alone (migration covering_rollup_indexes); an OR of both would need the table's pages.
  const rows = (until: Prisma.Sql) => Prisma.sql`
      SELECT f."projectId",
        CASE WHEN f.period = ${q.period} THEN ${col("PeriodWan")} END AS period_wan,
        CASE WHEN f.year = ${year} THEN ${col("YearWan")} END AS ytd_wan,
        ${col("CumulativeWan")} AS cum_wan,
        CASE WHEN f.year = ${year} THEN ${col("YearFundsWan")} END AS funds_wan
      FROM "ProjectPeriodFigure" f
      WHERE f.period <= ${q.period} AND ${until}`;
  return Prisma.sql`${rows(Prisma.sql`f."untilPeriod" IS NULL`)} UNION ALL ${rows(Prisma.sql`f."untilPeriod" > ${q.period}`)}`;
}

// The same running figures of one plan's reporting lines in the portfolio of the period, with their
// rollup keys (unit_id, section_id, start_year, status, total_known: copied onto each row, migration
// figure_group_keys), so a rollup sums them per group without joining the projects.
export function keyedSums(q: { planId: number; period: string; includeSubmitted?: boolean }) {
  const year = periodYear(q.period);
  const col = (name: "YearWan" | "CumulativeWan" | "YearFundsWan") =>
    Prisma.raw(q.includeSubmitted ? `f."withSubmitted${name}"` : `f."${name[0].toLowerCase()}${name.slice(1)}"`);
  const rows = (until: Prisma.Sql) => Prisma.sql`
      SELECT f."unitId" AS unit_id, f."sectionId" AS section_id, f."startYear" AS start_year, f.status, f."totalKnown" AS total_known,
        CASE WHEN f.year = ${year} THEN ${col("YearWan")} END AS ytd_wan,
        ${col("CumulativeWan")} AS cum_wan,
        CASE WHEN f.year = ${year} THEN ${col("YearFundsWan")} END AS funds_wan
      FROM "ProjectPeriodFigure" f
      WHERE f."planId" = ${q.planId} AND f.period <= ${q.period} AND ${until}
        AND f."moneyLine" AND ${notLeftBy(q.period, "f")}`;
  return Prisma.sql`${rows(Prisma.sql`f."untilPeriod" IS NULL`)} UNION ALL ${rows(Prisma.sql`f."untilPeriod" > ${q.period}`)}`;
}

// The reference: the same sums computed from the counted reports themselves (countedReports, following
// the lineage), as every rollup did before the running figures. Used by the tests to prove the
// maintained figures equal to the last decimal (tests/integration/running-figures.test.ts).
export function countedSumsFromReports(q: { planId: number; period: string; includeSubmitted?: boolean }) {
  const year = periodYear(q.period);
  const sums = Prisma.sql`
        sum(r."completedAmount") FILTER (WHERE r.period = ${q.period}) AS period_wan,
        sum(r."completedAmount") FILTER (WHERE r.year = ${year}) AS ytd_wan,
        sum(r."completedAmount") AS cum_wan,
        sum(${FUNDS}) FILTER (WHERE r.year = ${year}) AS funds_wan`;
  const counted = Prisma.sql`r.period <= ${q.period} AND (${countedReports(q.includeSubmitted ?? false)})`;
  return Prisma.sql`
      SELECT "projectId", sum(period_wan) AS period_wan, sum(ytd_wan) AS ytd_wan, sum(cum_wan) AS cum_wan, sum(funds_wan) AS funds_wan
      FROM (
        SELECT r."projectId", ${sums}
        FROM "ProgressReport" r JOIN "Project" pp ON pp.id = r."projectId" AND pp."planId" = ${q.planId}
        WHERE ${counted}
        GROUP BY r."projectId"
        UNION ALL
        SELECT l.line, ${sums}
        FROM (${lineage(q.planId)} SELECT line, member FROM lineage) l JOIN "ProgressReport" r ON r."projectId" = l.member
        WHERE ${counted}
        GROUP BY l.line
      ) parts
      GROUP BY "projectId"`;
}

// Funds received in one report: unknown when every source is unknown, never 0 (shared with group-rollup.ts).
export const FUNDS = Prisma.sql`CASE WHEN r."fundsCentral" IS NULL AND r."fundsProvincial" IS NULL AND r."fundsLocal" IS NULL AND r."fundsSpecialBond" IS NULL AND r."fundsSelf" IS NULL THEN NULL
  ELSE COALESCE(r."fundsCentral", 0) + COALESCE(r."fundsProvincial", 0) + COALESCE(r."fundsLocal", 0) + COALESCE(r."fundsSpecialBond", 0) + COALESCE(r."fundsSelf", 0) END`;

export async function projectFigures(q: FiguresQuery): Promise<ProjectFigures[]> {
  return db.$queryRaw<ProjectFigures[]>(projectFiguresSql(q));
}

// The query itself, so group totals (figure-totals.ts) add up exactly these rows.
export function projectFiguresSql(q: FiguresQuery) {
  const year = periodYear(q.period);
  return Prisma.sql`
    WITH counted AS (${countedSums(q)})
    SELECT p.id, p.name, p.owner, p."startYear", p."endYear", p.status::text AS status, p."parentId",
      p."unitId", u.name AS "unitName", p."sectionId", COALESCE(s.number || ' ', '') || s.title AS "sectionName",
      p."totalInvestment"::text AS "totalWan", (${annualAmount(q.includeSubmitted ?? false)})::text AS "annualPlanWan",
      c.period_wan::text AS "periodWan", c.ytd_wan::text AS "yearToDateWan", c.cum_wan::text AS "cumulativeWan", c.funds_wan::text AS "yearFundsWan",
      shown."progressPercent"::text AS "progressPercent", shown."progressText", shown.problems, shown."nextSteps", cur.status::text AS "reportStatus"
    FROM "Project" p
    JOIN "Section" s ON s.id = p."sectionId"
    LEFT JOIN "ReportingUnit" u ON u.id = p."unitId"
    LEFT JOIN "AnnualPlanAmount" a ON a."projectId" = p.id AND a.year = ${year}
    LEFT JOIN counted c ON c."projectId" = p.id
    LEFT JOIN "ProgressReport" cur ON cur."projectId" = p.id AND cur.period = ${q.period} AND cur."isCurrent"
    ${shownRevisionJoin(q.period, q.includeSubmitted ?? false)}
    WHERE p."planId" = ${q.planId} AND ${inPortfolio(q.period)} AND p.kind = 'PROJECT'
      ${q.unitId ? Prisma.sql`AND p."unitId" = ${q.unitId}` : Prisma.empty}
      ${q.projectIds ? Prisma.sql`AND p.id = ANY(${q.projectIds})` : Prisma.empty}
    ORDER BY u."sortOrder" NULLS LAST, s."sortOrder", p."sortOrder", p.id`;
}
