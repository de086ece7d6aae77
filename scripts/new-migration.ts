// `npx tsx scripts/new-migration.ts <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql
// with the SQL that brings the migrations up to prisma/schema.prisma (the offline replacement for
// `prisma migrate dev`, which needs a native engine). Uses the test database server.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ensureDatabase, ROOT } from "./lib/database";

async function main() {
  const name = process.argv[2];
  if (!name || !/^[a-z0-9_]+$/.test(name)) throw new Error("usage: tsx scripts/new-migration.ts <snake_case_name>");
  const db = await ensureDatabase({ purpose: "test" });
  try {
    const sql = execFileSync(
      path.join(ROOT, "node_modules/.bin/prisma"),
      ["migrate", "diff", "--from-migrations", "prisma/migrations", "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
      {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: db.url, NODE_OPTIONS: `-r ${path.join(ROOT, "scripts/lib/unref-timers.cjs")}` },
        encoding: "utf8",
      },
    );
    if (!sql.trim() || /^-- This is an empty migration/.test(sql.trim())) {
      console.log("schema and migrations already match");
      return;
    }
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const dir = path.join(ROOT, "prisma/migrations", `${stamp}_${name}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "migration.sql"), sql);
    console.log(`wrote ${path.relative(ROOT, dir)}/migration.sql`);
  } finally {
    await db.stop();
  }
}
main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
