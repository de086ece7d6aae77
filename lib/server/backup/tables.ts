import "server-only";
import type pg from "pg";

// Bookkeeping, not data: the migration creates it and every restored write bumps it again. The
// running figures (ProjectPeriodFigure) are recomputed by triggers from the restored reports; the kept
// rollup facts (ProjectRollupFact) are rebuilt by the first rollup.
const DERIVED = ["_prisma_migrations", "RollupStamp", "ProjectPeriodFigure", "ProjectRollupFact"];

// Application tables in foreign-key order (parents first), so a restore can insert table by table.
export async function tablesInDependencyOrder(client: pg.Client): Promise<string[]> {
  const tables = (
    await client.query<{ name: string }>(`SELECT tablename::text AS name FROM pg_tables WHERE schemaname = 'public' AND NOT (tablename = ANY($1)) ORDER BY 1`, [
      DERIVED,
    ])
  ).rows.map((r) => r.name);
  const edges = (
    await client.query<{ child: string; parent: string }>(`
      SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent
      FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
      WHERE c.contype = 'f' AND n.nspname = 'public'`)
  ).rows.map((e) => ({ child: e.child.replace(/"/g, ""), parent: e.parent.replace(/"/g, "") }));
  const ordered: string[] = [];
  const pending = new Set(tables);
  while (pending.size) {
    const ready = [...pending].filter((t) => edges.every((e) => e.child !== t || e.parent === t || !pending.has(e.parent)));
    if (ready.length === 0) throw new Error(`foreign-key cycle among ${[...pending].join(", ")}`);
    for (const t of ready) {
      ordered.push(t);
      pending.delete(t);
    }
  }
  return ordered;
}

// The rows of a table in an order a restore can insert them batch by batch: for a table that refers to
// itself (Project.parentId / predecessorId, ReportingUnit.mergedIntoId) each row after the rows it
// refers to — an updated parent can sit anywhere in the heap — by depth in those references, then id.
// Other tables in any order (their parents are restored before them: tablesInDependencyOrder).
export async function rowOrderQuery(client: pg.Client, table: string): Promise<string> {
  const selfRefs = (
    await client.query<{ column: string }>(
      `SELECT a.attname AS column FROM pg_constraint c
       JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
       WHERE c.contype = 'f' AND c.conrelid = c.confrelid AND c.conrelid = format('%I', $1::text)::regclass AND array_length(c.conkey, 1) = 1`,
      [table],
    )
  ).rows.map((r) => `"${r.column}"`);
  const t = `"${table}"`;
  if (!selfRefs.length) return `SELECT row_to_json(t)::text AS j FROM ${t} t`;
  const roots = selfRefs.map((c) => `${c} IS NULL`).join(" AND ");
  const refersTo = selfRefs.map((c) => `c.${c} = d.id`).join(" OR ");
  return `WITH RECURSIVE d(id, depth) AS (
      SELECT id, 0 FROM ${t} WHERE ${roots}
      UNION ALL
      SELECT c.id, d.depth + 1 FROM ${t} c JOIN d ON (${refersTo}) WHERE d.depth < 1000
    ), o AS (SELECT id, max(depth) AS depth FROM d GROUP BY id)
    SELECT row_to_json(t)::text AS j FROM ${t} t JOIN o ON o.id = t.id ORDER BY o.depth, t.id`;
}
