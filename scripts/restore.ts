// `npm run db:restore -- <dir> [--into <database>] [--replace]`: restores a backup into a NEW database
// on the app's server (default name ledger_restored_<timestamp>), or with --replace into the app
// database itself after dropping it (stop the app first). Migrations are applied before the data.
// Run with `tsx --conditions=react-server`.
import path from "node:path";
import { restoreDatabase } from "../lib/server/backup/restore";
import { databaseExists, ensureDatabase, recreateDatabase, withDatabase } from "./lib/database";
import { prisma } from "./lib/run";

async function main() {
  const args = process.argv.slice(2);
  const replace = args.includes("--replace");
  const intoAt = args.indexOf("--into");
  const dir = args.find((a, i) => !a.startsWith("--") && (intoAt < 0 || i !== intoAt + 1));
  if (!dir || (intoAt >= 0 && !args[intoAt + 1])) throw new Error("usage: npm run db:restore -- <backup dir> [--into <database>] [--replace]");
  const db = await ensureDatabase({ purpose: "app" });
  try {
    const name = replace ? new URL(db.url).pathname.slice(1) : intoAt >= 0 ? args[intoAt + 1] : `ledger_restored_${Date.now()}`;
    const url = withDatabase(db.url, name);
    if (!replace && (await databaseExists(url)))
      throw new Error(`database "${name}" already exists; choose another name or use --replace for the app database`);
    await recreateDatabase(url);
    await prisma(["migrate", "deploy"], url);
    const manifest = await restoreDatabase(url, path.resolve(dir));
    console.log(`restored ${manifest.tables.reduce((n, t) => n + t.rows, 0)} rows into database "${name}"`);
  } finally {
    await db.stop();
  }
}
main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
