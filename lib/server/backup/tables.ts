import "server-only";
import type pg from "pg";

// Bookkeeping, not data: the migration creates it and every restored write bumps it again.
const DERIVED = ["_prisma_migrations", "RollupStamp"];

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
