// `npm run db:backup [-- <dir>]`: a consistent logical backup of the app database (embedded or
// DATABASE_URL) into backups/<timestamp>/ (git-ignored): manifest.json + one NDJSON file per table.
// Run with `tsx --conditions=react-server`.
import path from "node:path";
import { dumpDatabase } from "../lib/server/backup/dump";
import { ensureDatabase, ROOT } from "./lib/database";

async function main() {
  const dir = path.resolve(process.argv[2] ?? path.join(ROOT, "backups", new Date().toISOString().replace(/[:.]/g, "-")));
  const db = await ensureDatabase({ purpose: "app" });
  try {
    const manifest = await dumpDatabase(db.url, dir);
    console.log(`backup written to ${dir}`);
    for (const t of manifest.tables) console.log(`  ${t.name.padEnd(18)} ${t.rows}`);
  } finally {
    await db.stop();
  }
}
main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
