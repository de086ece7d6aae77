import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { zhFinance } from "@/lib/i18n/zh-CN-finance";
import { zh } from "@/lib/i18n/zh-CN";
import { periodEndDate, periodYear, yearShareAtEnd, type Cycle } from "@/lib/periods";
import { ratesOf, type GroupFigures, type Rates } from "@/lib/rates";
import { notLeftBy } from "./counting";
import { annualAmount, countedSums, keyedSums } from "./project-figures";
import { computedFacts, keptFacts, keptFactsVersion, STAMP_OUTPUT, stampAndFacts, stampedOf, type StampedRow } from "./rollup-facts";
import { cachedStatement, type QueryClient, type Stamps } from "./rollup-cache";

// Group rollups of a plan for one reporting period: by unit, category (section), build-period
// (start) year and status, any combination of those at once (GROUPING SETS), plus the plan total.
// Everything is summed in SQL in one statement; the server only attaches names and the rates. The
// projects behind a figure: drill-projects.ts; the year's trend: trend.ts.
//
// Rules (counting.ts, the same for every rollup, list and export):
// - counts: 项目 = reporting lines (standalone projects and bundle lines); 子项目 and 工程/任务 are
//   counted separately; the 开工/竣工 counts are of 单体 (standalone projects and sub-projects), where
//   the milestones are;
// - money (total, annual plan, completed, funds): the lines only, the same rows as 项目数;
// - unknown investment: a line with no total, counted, never summed as 0;
// - completed investment and funds: the report rows countedReports() selects (approved revisions,
//   or with includeSubmitted the submitted current revision instead), periods up to the period, read
//   from the running figures (project-figures.ts countedSums: one row per project, not the history).
// Every group partitions the plan's projects, so the groups of a set add up to the total exactly.

export type Dim = "unit" | "category" | "year" | "status";
export const DIMS: Dim[] = ["unit", "category", "year", "status"];
// The dimensions a list of grouping sets uses, in DIMS order.
export const dimsOf = (sets: Dim[][]): Dim[] => DIMS.filter((d) => sets.some((s) => s.includes(d)));

export type RollupQuery = {
  planId: number;
  period: string; // in the plan's cycle: "2025-03" or "2025-Q1"
  includeSubmitted?: boolean;
  fromReports?: boolean; // the reference: sum the reports instead of reading the running figures (tests)
  factsVersion?: string; // the kept rollup facts to read (rollup-facts.ts), when they are current
};

export type GroupKey = { unitId?: number | null; sectionId?: number; startYear?: number | null; status?: string };

export type GroupRow = GroupFigures & {
  subProjectCount: number; // counted apart from projectCount (counting.ts)
  key: GroupKey;
  name: string;
  rates: Rates;
};

// Each dimension's column, named the same in pf (the projects), kf (keyed running figures) and fine
// (partial sums).
const DIM_COLUMN: Record<Dim, string> = { unit: "unit_id", category: "section_id", year: "start_year", status: "status" };
const column = (table: "pf" | "kf" | "fine", d: Dim) => Prisma.raw(`${table}.${DIM_COLUMN[d]}`);

// Per-project facts for the period: one row per live project of the plan. The predicates the
// figures and the drill-down lists share are columns here, so both read the same definition.
// The facts that do not depend on the period come from rollup-facts.ts: the kept copy of the
// current portfolio version when q.factsVersion names one, else computed here.
// withMoney = false leaves the money columns NULL without reading the reports (lists that show
// no amounts: overdue, not reported).
export function projectFacts(q: RollupQuery, withMoney = true): Prisma.Sql {
  const year = periodYear(q.period);
  const asOf = periodEndDate(q.period);
  const kept = q.fromReports ? undefined : q.factsVersion;
  const counted = withMoney
    ? countedSums(q)
    : Prisma.sql`SELECT NULL::int AS "projectId", NULL::numeric AS ytd_wan, NULL::numeric AS cum_wan, NULL::numeric AS funds_wan WHERE false`;
  return Prisma.sql`
    ${stampAndFacts(q.planId, { factsVersion: kept })},
    counted AS (${counted}),
    facts AS (${kept ? keptFacts(q.planId, kept) : computedFacts(q.planId)}),
    base AS (
      SELECT b.*, ${annualAmount(q.includeSubmitted ?? false)} AS annual, c.ytd_wan AS year_wan, c.cum_wan, c.funds_wan
      FROM facts b
      LEFT JOIN "AnnualPlanAmount" a ON a."projectId" = b.id AND a.year = ${year}
      LEFT JOIN counted c ON c."projectId" = b.id
      WHERE ${notLeftBy(q.period, "b")}
    ),
    pf AS (
      SELECT b.*,
        COALESCE(b.start_due <= ${asOf}::date, false) AS due_start,
        COALESCE(b.start_due <= ${asOf}::date AND (b.start_actual <= ${asOf}::date OR (b.start_actual IS NULL AND b.status <> 'PREPARATION')), false) AS started,
        COALESCE(b.complete_due <= ${asOf}::date, false) AS due_complete,
        COALESCE(b.complete_due <= ${asOf}::date AND b.completed_on <= b.complete_due, false) AS on_time,
        COALESCE(b.completed_on <= ${asOf}::date OR (b.completed_on IS NULL AND b.status IN ('COMPLETED', 'IN_USE')), false) AS completed
      FROM base b
    )`;
}

// The figures of GroupFigures: one definition for every grouping. Summed in two steps: partial sums
// per finest group (every dimension in use), then those added up for each requested set (GROUPING SETS
// over a few hundred rows). Counts of no rows are 0, sums of no amounts null (unknown, never 0).
// - Facts figures (counts, 总投资, 年度计划), over pf: no report changes them, so their partial sums
//   follow the base version and a cached rollup keeps them across approvals (cachedGroupRollup).
// - Money figures (completed, funds), over the keyed running figures (kf: project-figures.ts
//   keyedSums, one plan's rows of the period, no join) — or over pf when summed from the reports.
const FACT_FIGURES: [name: string, partial: string, kind: "count" | "money"][] = [
  ["projectCount", "count(*) FILTER (WHERE pf.line)", "count"],
  ["subProjectCount", "count(*) FILTER (WHERE pf.sub)", "count"],
  ["programmeCount", "count(*) FILTER (WHERE pf.programme)", "count"],
  ["totalWan", "sum(pf.total) FILTER (WHERE pf.line)", "money"],
  ["unknownCount", "count(*) FILTER (WHERE pf.line AND pf.total IS NULL)", "count"],
  ["annualPlanWan", "sum(pf.annual) FILTER (WHERE pf.line)", "money"],
  ["dueStartCount", "count(*) FILTER (WHERE pf.building AND pf.due_start)", "count"],
  ["startedCount", "count(*) FILTER (WHERE pf.building AND pf.started)", "count"],
  ["dueCompleteCount", "count(*) FILTER (WHERE pf.building AND pf.due_complete)", "count"],
  ["onTimeCount", "count(*) FILTER (WHERE pf.building AND pf.on_time)", "count"],
];
const MONEY_FIGURES: [name: string, overPf: string, overKf: string][] = [
  ["completedYearWan", "sum(pf.year_wan) FILTER (WHERE pf.line)", "sum(kf.ytd_wan)"],
  ["completedToDateWan", "sum(pf.cum_wan) FILTER (WHERE pf.line)", "sum(kf.cum_wan)"],
  ["completedOfKnownWan", "sum(pf.cum_wan) FILTER (WHERE pf.line AND pf.total IS NOT NULL)", "sum(kf.cum_wan) FILTER (WHERE kf.total_known)"],
  ["fundsYearWan", "sum(pf.funds_wan) FILTER (WHERE pf.line)", "sum(kf.funds_wan)"],
];
const list = (items: string[]) => Prisma.raw(items.join(",\n  "));
const ident = (name: string) => `"${name}"`;
const SQL_TYPE = { count: "bigint", money: "numeric" } as const;
// fine: the facts partials, then the money partials, in one column list.
const FINE = list([...FACT_FIGURES.map(([n]) => `facts_fine.${ident(n)}`), ...MONEY_FIGURES.map(([n]) => `NULL::numeric AS ${ident(n)}`)]);
const FINE_MONEY = list([
  ...FACT_FIGURES.map(([n, , kind]) => `NULL::${SQL_TYPE[kind]} AS ${ident(n)}`),
  ...MONEY_FIGURES.map(([n]) => `money_fine.${ident(n)}`),
]);
const TOTALS = list([
  ...FACT_FIGURES.map(([n, , kind]) =>
    kind === "count" ? `COALESCE(sum(fine.${ident(n)}), 0)::int AS ${ident(n)}` : `sum(fine.${ident(n)})::text AS ${ident(n)}`,
  ),
  ...MONEY_FIGURES.map(([n]) => `sum(fine.${ident(n)})::text AS ${ident(n)}`),
]);

// GROUPING() bitmask of a set over the dims in use: bit set = dim aggregated over.
function maskOf(set: Dim[], dims: Dim[]) {
  return dims.reduce((m, d, i) => m | (set.includes(d) ? 0 : 1 << (dims.length - 1 - i)), 0);
}

// Partial sums of the facts figures per finest group of `dims`, from one snapshot (base: its base
// version). Money as exact decimal text.
export type FactPartials = { base: string; dims: Dim[]; rows: Record<string, string | number | null>[] };

const dimList = (table: "pf" | "kf" | "fine", dims: Dim[]) => Prisma.join(dims.map((d) => column(table, d)));
const groupBy = (table: "pf" | "kf", dims: Dim[]) => (dims.length ? Prisma.sql`GROUP BY ${dimList(table, dims)}` : Prisma.empty);
const withDims = (table: "pf" | "kf", dims: Dim[]) => (dims.length ? Prisma.sql`${dimList(table, dims)},` : Prisma.empty);
const factsFineOfPf = (dims: Dim[]) => Prisma.sql`
    facts_fine AS (
      SELECT ${withDims("pf", dims)} ${list(FACT_FIGURES.map(([n, partial]) => `${partial} AS ${ident(n)}`))}
      FROM pf ${groupBy("pf", dims)})`;

// The statement of the facts partials (cachedGroupRollup keeps its result per base version). Always one
// row at least, with the stamps; `present` (a count is never null) marks the partial rows.
export function factPartialsSql(q: RollupQuery, dims: Dim[]): Prisma.Sql {
  return Prisma.sql`
    WITH ${projectFacts(q, false)}, ${factsFineOfPf(dims)}
    SELECT ${list([...dims.map((d) => `ff.${DIM_COLUMN[d]}${d === "status" ? "::text" : ""} AS ${DIM_COLUMN[d]}`), ...FACT_FIGURES.map(([n, , kind]) => `ff.${ident(n)}${kind === "count" ? "::int" : "::text"} AS ${ident(n)}`)])},
      ff."projectCount" IS NOT NULL AS present, ${STAMP_OUTPUT}
    FROM stamp LEFT JOIN facts_fine ff ON true`;
}

export async function factPartials(client: QueryClient, q: RollupQuery, dims: Dim[]) {
  const raw = await client.$queryRaw<(StampedRow & Record<string, string | number | null> & { present: boolean })[]>(factPartialsSql(q, dims));
  const rows = raw.filter((r) => r.present).map(({ present: _p, all: _a, portfolio: _s, base: _b, indicators: _i, facts_current: _c, ...r }) => r);
  const stamped = stampedOf(raw[0]);
  return { value: { base: stamped.stamps.base, dims, rows }, ...stamped };
}

// Kept partials back into a statement, one array per column.
function factsFineOfPartials(p: FactPartials): Prisma.Sql {
  const cols = [
    ...p.dims.map((d) => ({ name: DIM_COLUMN[d], type: d === "status" ? "text" : "int", cast: d === "status" ? `::"ProjectStatus"` : "" })),
    ...FACT_FIGURES.map(([n, , kind]) => ({ name: n, type: SQL_TYPE[kind], cast: "" })),
  ];
  const arrays = cols.map((c) => Prisma.sql`${p.rows.map((r) => r[c.name] ?? null)}::${Prisma.raw(c.type)}[]`);
  const names = cols.map((c) => (c.cast ? `t.${ident(c.name)}${c.cast} AS ${ident(c.name)}` : `t.${ident(c.name)}`));
  return Prisma.sql`
    facts_fine AS (
      SELECT ${list(names)} FROM unnest(${Prisma.join(arrays)}) AS t(${list(cols.map((c) => ident(c.name)))}))`;
}

// The SQL of a rollup (exported so the benchmark runs exactly this statement directly). The facts
// partials are summed here from pf, or read from `partials` (kept: the statement checks their base
// version is its own); the money partials are summed from the keyed running figures, or from pf when
// summed from the reports (q.fromReports, the reference).
export function groupRollupSql(q: RollupQuery, sets: Dim[][], partials?: FactPartials): Prisma.Sql {
  const dims = dimsOf(sets);
  if (partials && partials.dims.join() !== dims.join()) throw new Error("partial sums of other dimensions");
  const groupingSets = Prisma.join(sets.map((s) => (s.length ? Prisma.sql`(${dimList("fine", s)})` : Prisma.sql`()`)));
  const NULL_OF: Record<Dim, string> = { unit: "NULL::int", category: "NULL::int", year: "NULL::int", status: `NULL::"ProjectStatus"` };
  const key = (d: Dim, alias: string) => Prisma.sql`${dims.includes(d) ? column("fine", d) : Prisma.raw(NULL_OF[d])} AS ${Prisma.raw(alias)}`;
  const moneyFine = q.fromReports
    ? Prisma.sql`SELECT ${withDims("pf", dims)} ${list(MONEY_FIGURES.map(([n, overPf]) => `${overPf} AS ${ident(n)}`))} FROM pf ${groupBy("pf", dims)}`
    : Prisma.sql`SELECT ${withDims("kf", dims)} ${list(MONEY_FIGURES.map(([n, , overKf]) => `${overKf} AS ${ident(n)}`))} FROM (${keyedSums(q)}) kf ${groupBy("kf", dims)}`;
  const head = partials
    ? Prisma.sql`${stampAndFacts(q.planId, { baseVersion: partials.base })}, ${factsFineOfPartials(partials)}`
    : Prisma.sql`${projectFacts(q, q.fromReports ?? false)}, ${factsFineOfPf(dims)}`;
  const fineDims = (table: string) => (dims.length ? Prisma.raw(`${dims.map((d) => `${table}.${DIM_COLUMN[d]}`).join(", ")},`) : Prisma.empty);
  return Prisma.sql`
    WITH ${head},
    money_fine AS (${moneyFine}),
    fine AS (
      SELECT ${fineDims("facts_fine")} ${FINE} FROM facts_fine
      UNION ALL
      SELECT ${fineDims("money_fine")} ${FINE_MONEY} FROM money_fine
    ),
    g AS (
      SELECT ${dims.length ? Prisma.sql`GROUPING(${dimList("fine", dims)})` : Prisma.sql`0`} AS gset,
        ${key("unit", "unit_id")}, ${key("category", "section_id")}, ${key("year", "start_year")}, ${key("status", "status")},
        ${TOTALS}
      FROM fine
      GROUP BY GROUPING SETS (${groupingSets})
    )
    SELECT g.*, u.name AS unit_name, COALESCE(s.number || ' ', '') || s.title AS section_name, ${STAMP_OUTPUT}
    FROM g
    CROSS JOIN stamp
    LEFT JOIN "ReportingUnit" u ON u.id = g.unit_id
    LEFT JOIN "Section" s ON s.id = g.section_id
    ORDER BY g.gset, u."sortOrder" NULLS LAST, u.id NULLS LAST, s."sortOrder", s.id, g.start_year NULLS LAST, g.status`;
}

type RawGroup = GroupFigures & { subProjectCount: number } & StampedRow & {
    gset: number;
    unit_id: number | null;
    section_id: number | null;
    start_year: number | null;
    status: string | null;
    unit_name: string | null;
    section_name: string | null;
  };

function nameOf(r: RawGroup, set: Dim[]): string {
  const parts = set.map((d) => {
    if (d === "unit") return r.unit_name ?? zhFinance.noUnit;
    if (d === "category") return r.section_name ?? "";
    if (d === "year") return r.start_year === null ? zhFinance.noYear : zhFinance.yearName(r.start_year);
    return zh.status[r.status ?? ""] ?? r.status ?? "";
  });
  return parts.length ? parts.join(" · ") : zhFinance.total;
}

function keyOf(r: RawGroup, set: Dim[]): GroupKey {
  const key: GroupKey = {};
  if (set.includes("unit")) key.unitId = r.unit_id;
  if (set.includes("category")) key.sectionId = r.section_id!;
  if (set.includes("year")) key.startYear = r.start_year;
  if (set.includes("status")) key.status = r.status!;
  return key;
}

function figuresOf(r: RawGroup): GroupFigures & { subProjectCount: number } {
  return {
    projectCount: r.projectCount,
    subProjectCount: r.subProjectCount,
    programmeCount: r.programmeCount,
    totalWan: r.totalWan,
    unknownCount: r.unknownCount,
    annualPlanWan: r.annualPlanWan,
    completedYearWan: r.completedYearWan,
    completedToDateWan: r.completedToDateWan,
    completedOfKnownWan: r.completedOfKnownWan,
    fundsYearWan: r.fundsYearWan,
    dueStartCount: r.dueStartCount,
    startedCount: r.startedCount,
    dueCompleteCount: r.dueCompleteCount,
    onTimeCount: r.onTimeCount,
  };
}

// The query reading the kept rollup facts when this snapshot sees a copy of the current version.
export async function withKeptFacts<Q extends RollupQuery>(client: QueryClient, q: Q): Promise<Q> {
  if (q.fromReports || q.factsVersion) return q;
  return { ...q, factsVersion: await keptFactsVersion(client, q.planId) };
}

// Rows of each requested set, in the order of `sets`. An empty set is the plan total.
// `client`: the database or a transaction (rollup-cache.ts runs these in one snapshot). `partials`:
// kept facts partials (keptFactPartials), used when they belong to the snapshot.
export async function groupRollup(client: QueryClient, q: RollupQuery, sets: Dim[][], cycle: Cycle, partials?: FactPartials): Promise<GroupRow[][]> {
  if (partials) {
    const kept = await stampedGroupRollup(client, q, sets, cycle, partials);
    if (kept.factsCurrent) return kept.value;
  }
  return groupsOf(await client.$queryRaw<RawGroup[]>(groupRollupSql(await withKeptFacts(client, q), sets)), q, sets, cycle);
}

// One statement, no question before it: the rows with the rollup stamps of the statement's own
// snapshot and whether what it was given (q.factsVersion's kept facts, kept `partials`) belongs to
// that snapshot (rollup-cache.ts cachedStatement). `sets` must include the plan total, a row always there.
export async function stampedGroupRollup(
  client: QueryClient,
  q: RollupQuery,
  sets: Dim[][],
  cycle: Cycle,
  partials?: FactPartials,
): Promise<{ value: GroupRow[][]; stamps: Stamps; factsCurrent: boolean }> {
  if (!sets.some((s) => s.length === 0)) throw new Error("a stamped rollup includes the plan total");
  const raw = await client.$queryRaw<RawGroup[]>(groupRollupSql(q, sets, partials));
  return { value: groupsOf(raw, q, sets, cycle), ...stampedOf(raw[0]) };
}

// The facts partials of a rollup, kept per base version: summed again (one statement) only after a
// write other than to the reports. Fetch them before opening a transaction (they use a connection).
export function keptFactPartials(key: string, q: RollupQuery, sets: Dim[][]): Promise<FactPartials> {
  const dims = dimsOf(sets);
  return cachedStatement(`${key}:facts`, (c, fv) => factPartials(c, { ...q, factsVersion: fv }, dims), { factsOf: q.planId, dependsOn: "base" });
}

// A rollup through the rollup cache, one statement per miss: after an approval (only the reports
// changed) the kept facts partials still serve and the statement sums only the money of the keyed
// running figures.
export function cachedGroupRollup(key: string, q: RollupQuery, sets: Dim[][], cycle: Cycle): Promise<GroupRow[][]> {
  return cachedStatement(
    key,
    async (client, factsVersion) =>
      // Nothing kept to trust (a previous try found a kept copy out of date): all in this statement.
      stampedGroupRollup(client, q, sets, cycle, factsVersion === undefined ? undefined : await keptFactPartials(key, q, sets)),
    { factsOf: q.planId },
  );
}

function groupsOf(raw: RawGroup[], q: RollupQuery, sets: Dim[][], cycle: Cycle): GroupRow[][] {
  const dims = dimsOf(sets);
  const share = yearShareAtEnd(q.period, cycle);
  return sets.map((set) => {
    const mask = maskOf(set, dims);
    return raw
      .filter((r) => r.gset === mask)
      .map((r) => {
        const figures = figuresOf(r);
        return { key: keyOf(r, set), name: nameOf(r, set), ...figures, rates: ratesOf(figures, share) };
      });
  });
}
