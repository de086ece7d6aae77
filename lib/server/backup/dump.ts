import "server-only";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { rowOrderQuery, tablesInDependencyOrder } from "./tables";

export type BackupManifest = { format: 1; createdAt: string; migrations: string[]; tables: { name: string; rows: number }[] };

// A logical backup without pg_dump (the embedded server ships no client tools, and a Debian
// pg_dump older than the server refuses to run): one NDJSON file per table, each line the row as
// PostgreSQL's own JSON (numerics as written, never through a JS float), read in one snapshot.
export async function dumpDatabase(url: string, dir: string): Promise<BackupManifest> {
  fs.mkdirSync(dir, { recursive: true });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const tables = await tablesInDependencyOrder(client);
    const manifest: BackupManifest = {
      format: 1,
      createdAt: new Date().toISOString(),
      migrations: (
        await client.query<{ name: string }>(`SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY 1`)
      ).rows.map((r) => r.name),
      tables: [],
    };
    for (const table of tables) {
      const out = fs.openSync(path.join(dir, `${table}.ndjson`), "w");
      let rows = 0;
      // A cursor inside the snapshot: constant memory whatever the table size.
      // Tables holding file bytes (AttachmentBlob: up to 10 MB a row) are fetched a few rows at a time.
      const pageSize = (await holdsBytes(client, table)) ? 8 : 5000;
      await client.query(`DECLARE rows_cursor NO SCROLL CURSOR FOR ${await rowOrderQuery(client, table)}`);
      for (;;) {
        const page = await client.query<{ j: string }>(`FETCH ${pageSize} FROM rows_cursor`);
        for (const r of page.rows) fs.writeSync(out, `${r.j}\n`);
        rows += page.rows.length;
        if (page.rows.length < pageSize) break;
      }
      await client.query("CLOSE rows_cursor");
      fs.closeSync(out);
      manifest.tables.push({ name: table, rows });
    }
    await client.query("COMMIT");
    fs.writeFileSync(path.join(dir, "manifest.json"), JSON.stringify(manifest, null, 2));
    return manifest;
  } finally {
    await client.end();
  }
}

async function holdsBytes(client: pg.Client, table: string): Promise<boolean> {
  const r = await client.query(`SELECT 1 FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 AND data_type = 'bytea'`, [table]);
  return (r.rowCount ?? 0) > 0;
}
