import "server-only";
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import pg from "pg";
import type { BackupManifest } from "./dump";

// Restores a dumpDatabase() backup into a database that has the same migrations applied and no
// data, in one transaction (all or nothing), then moves every id sequence past the restored ids.
export async function restoreDatabase(url: string, dir: string) {
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, "manifest.json"), "utf8")) as BackupManifest;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const applied = (
      await client.query<{ name: string }>(`SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY 1`)
    ).rows.map((r) => r.name);
    if (applied.join() !== manifest.migrations.join())
      throw new Error(`migrations differ: backup has ${manifest.migrations.length}, target has ${applied.length}; run migrations to the same point first`);
    await client.query("BEGIN");
    for (const { name } of manifest.tables) {
      const existing = await client.query(`SELECT 1 FROM "${name}" LIMIT 1`);
      if (existing.rowCount) throw new Error(`target table ${name} is not empty`);
    }
    for (const { name, rows } of manifest.tables) {
      let batch: string[] = [];
      let batchChars = 0;
      let restored = 0;
      const flush = async () => {
        if (!batch.length) return;
        await client.query(`INSERT INTO "${name}" SELECT * FROM json_populate_recordset(NULL::"${name}", $1::json)`, [`[${batch.join(",")}]`]);
        restored += batch.length;
        batch = [];
        batchChars = 0;
      };
      const lines = readline.createInterface({ input: fs.createReadStream(path.join(dir, `${name}.ndjson`)), crlfDelay: Infinity });
      for await (const line of lines) {
        if (!line) continue;
        batch.push(line);
        batchChars += line.length;
        // At most 2,000 rows or about 32 MB of JSON a statement (rows of file bytes are up to 20 MB as hex).
        if (batch.length === 2000 || batchChars > 32 * 1024 * 1024) await flush();
      }
      await flush();
      if (restored !== rows) throw new Error(`${name}: restored ${restored} rows, manifest says ${rows}`);
    }
    const sequences = await client.query<{ table: string; column: string; seq: string }>(`
      SELECT c.table_name AS table, c.column_name AS column, pg_get_serial_sequence(format('%I', c.table_name), c.column_name) AS seq
      FROM information_schema.columns c WHERE c.table_schema = 'public' AND c.column_default LIKE 'nextval(%'`);
    for (const s of sequences.rows) {
      await client.query(`SELECT setval($1, COALESCE((SELECT max("${s.column}") FROM "${s.table}"), 0) + 1, false)`, [s.seq]);
    }
    await client.query("COMMIT");
    return manifest;
  } catch (e) {
    await client.query("ROLLBACK").catch(() => {});
    throw e;
  } finally {
    await client.end();
  }
}
