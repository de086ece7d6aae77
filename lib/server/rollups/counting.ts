import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { currentPeriod } from "@/lib/periods";

// How a plan's rows are counted, and which carry money: the one definition every rollup, list,
// export and the API use (README "Data").
//
// - 项目 (projectCount) = reporting lines: top-level PROJECT rows, i.e. standalone projects and
//   bundle lines. They file the reports and carry every amount (总投资, 年度计划, 完成投资, 资金到位).
// - 子项目 (subProjectCount) = PROJECT rows under a bundle line: listed and counted separately, never in
//   项目数, never money (the database refuses amounts, reports and annual plans on them).
// - 工程/任务 (programmeCount) = PROGRAMME rows (规划任务/措施): counted separately, no money.
// - 单体 = standalone projects and sub-projects: the buildings that carry milestones, so 开工率 and
//   按期竣工率 count these (a bundle line has none of its own).
//
// - The portfolio of a period: live rows admitted through 入库 that have not left the plan by that
//   period (withdrawn by a reviewed 调出 request, or carried into a successor plan: endPeriod is the
//   first period they no longer count in). Every figure reads only these; earlier periods keep them.
//
// Fragments take the alias of a "Project" row (a constant in the caller, never user input).
const at = (alias: string) => Prisma.raw(alias);

// `period`: a period string, or an SQL expression of one (a per-plan current period).
export const inPortfolio = (period: string | Prisma.Sql, a = "p") => Prisma.sql`(${admittedLive(a)} AND ${notLeftBy(period, a)})`;
// Its two halves: a live row admitted through 入库 (whatever the period), and one that has not left
// the plan by the period (its endPeriod, kept with the rollup facts: rollup-facts.ts).
export const admittedLive = (a = "p") => Prisma.sql`(${at(a)}."deletedAt" IS NULL AND ${at(a)}.admission = 'ADMITTED')`;
export const notLeftBy = (period: string | Prisma.Sql, a = "p") => Prisma.sql`(${at(a)}."endPeriod" IS NULL OR ${at(a)}."endPeriod" > ${period})`;
// Today's portfolio: the current period in the row's own plan's cycle.
export const inCurrentPortfolio = (a = "p") =>
  inPortfolio(
    Prisma.sql`(SELECT CASE pl."reportingCycle" WHEN 'MONTHLY' THEN ${currentPeriod("MONTHLY")} ELSE ${currentPeriod("QUARTERLY")} END FROM "Plan" pl WHERE pl.id = ${Prisma.raw(a)}."planId")`,
    a,
  );
// The same for reads through the Prisma client.
export const portfolioWhere = (period: string) =>
  ({ deletedAt: null, admission: "ADMITTED", OR: [{ endPeriod: null }, { endPeriod: { gt: period } }] }) satisfies Prisma.ProjectWhereInput;
// Today's portfolio of rows from plans of either cycle (lists across plans).
export const currentPortfolioWhere = (): Prisma.ProjectWhereInput => ({
  OR: (["MONTHLY", "QUARTERLY"] as const).map((cycle) => ({ plan: { reportingCycle: cycle }, ...portfolioWhere(currentPeriod(cycle)) })),
});

export const isLine = (a = "p") => Prisma.sql`(${at(a)}.kind = 'PROJECT' AND ${at(a)}."parentId" IS NULL)`;
// Money sits on the lines, so counts and money are read from the same rows.
export const carriesMoney = isLine;
export const isSubProject = (a = "p") => Prisma.sql`(${at(a)}.kind = 'PROJECT' AND ${at(a)}."parentId" IS NOT NULL)`;
export const isProgramme = (a = "p") => Prisma.sql`(${at(a)}.kind = 'PROGRAMME')`;
export const isBuilding = (a = "p") =>
  Prisma.sql`(${at(a)}.kind = 'PROJECT' AND NOT EXISTS (SELECT 1 FROM "Project" ch WHERE ch."parentId" = ${at(a)}.id AND ch."deletedAt" IS NULL))`;
// A line reports every period until it is completed (前期 work is reported too): 填报情况 应报 and
// the dashboard's 应报未报 list. 应报 = 项目数 − completed lines.
export const isCompletedLine = (a = "p") => Prisma.sql`(${isLine(a)} AND ${at(a)}.status IN ('COMPLETED', 'IN_USE'))`;
export const reportsDue = (a = "p") => Prisma.sql`(${isLine(a)} AND ${at(a)}.status NOT IN ('COMPLETED', 'IN_USE'))`;

// The counts and 总投资 of the rows of a group (aggregates for any GROUP BY; rows of a LEFT JOIN that
// found nothing count nowhere). Unknown totals are counted, never summed as 0.
export const countsAndTotal = (a = "p") => Prisma.sql`
  count(${at(a)}.id) FILTER (WHERE ${isLine(a)})::int AS "projectCount",
  count(${at(a)}.id) FILTER (WHERE ${isSubProject(a)})::int AS "subProjectCount",
  count(${at(a)}.id) FILTER (WHERE ${isProgramme(a)})::int AS "programmeCount",
  sum(${at(a)}."totalInvestment") FILTER (WHERE ${carriesMoney(a)})::text AS "totalWan",
  count(${at(a)}.id) FILTER (WHERE ${carriesMoney(a)} AND ${at(a)}."totalInvestment" IS NULL)::int AS "unknownCount"`;

export type Counts = { projectCount: number; subProjectCount: number; programmeCount: number; totalWan: string | null; unknownCount: number };
export const NO_COUNTS: Counts = { projectCount: 0, subProjectCount: 0, programmeCount: 0, totalWan: null, unknownCount: 0 };

// The same rules for code that reads through the Prisma client.
export const LINE_WHERE = { kind: "PROJECT", parentId: null } satisfies Prisma.ProjectWhereInput;
export const SUB_PROJECT_WHERE = { kind: "PROJECT", parentId: { not: null } } satisfies Prisma.ProjectWhereInput;
export const PROGRAMME_WHERE = { kind: "PROGRAMME" } satisfies Prisma.ProjectWhereInput;
