// Loads the five plans and, outside production, the demo accounts, from prisma/seed-data.
//   --if-empty    do nothing when the database already has plans (used by `npm start`)
//   --reset       empty every table first (tests only; refuses a database not named *_test; as the owner)
//   --demo-users  also create demo accounts even when NODE_ENV=production
// Run with `tsx --conditions=react-server` so server-only modules can be imported.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../lib/generated/prisma/client";
import { loadDemoUsers } from "../lib/server/seed/demo-users";
import { loadIndicators } from "../lib/server/seed/load-indicators";
import { loadSeed } from "../lib/server/seed/load-plans";
import { readSeedIndicators, readSeedPlans, readSeedRegions } from "../lib/server/seed/read-seed-files";

async function main() {
  const url = process.env.DATABASE_URL!;
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
  const has = (flag: string) => process.argv.includes(flag);
  try {
    if (has("--reset")) {
      if (!new URL(url).pathname.endsWith("_test")) throw new Error("--reset only runs on a *_test database");
      const tables = await db.$queryRaw<
        { tablename: string }[]
      >`SELECT tablename::text FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`;
      // The audit trail refuses TRUNCATE to everyone (migration audit_no_truncate); the owner lifts
      // that for this one transaction, which only the owner can (the app's role owns nothing).
      const [{ guarded }] = await db.$queryRaw<
        { guarded: boolean }[]
      >`SELECT EXISTS (SELECT FROM pg_trigger WHERE tgname = 'audit_event_no_truncate') AS guarded`;
      await db.$transaction(
        async (tx) => {
          if (guarded) await tx.$executeRawUnsafe(`ALTER TABLE "AuditEvent" DISABLE TRIGGER audit_event_no_truncate`);
          await tx.$executeRawUnsafe(`TRUNCATE ${tables.map((t) => `"${t.tablename}"`).join(", ")} RESTART IDENTITY CASCADE`);
          if (guarded) await tx.$executeRawUnsafe(`ALTER TABLE "AuditEvent" ENABLE TRIGGER audit_event_no_truncate`);
        },
        { timeout: 60_000 },
      );
    }
    if (has("--if-empty") && (await db.plan.count()) > 0) {
      console.log("[seed] database already has plans; none loaded");
    } else {
      const loaded = await loadSeed(db, readSeedRegions(), readSeedPlans());
      console.log(`[seed] loaded plans: ${loaded.join(", ") || "(none)"}`);
      if (process.env.NODE_ENV !== "production" || has("--demo-users")) {
        console.log(`[seed] demo accounts created: ${await loadDemoUsers(db)}`);
      }
    }
    // The plans' 主要指标, for seeded plans that have none yet (also on a database seeded before them).
    console.log(`[seed] loaded indicators: ${(await loadIndicators(db, readSeedIndicators())).join(", ") || "(none)"}`);
  } finally {
    await db.$disconnect();
  }
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
