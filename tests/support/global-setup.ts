// Resets the test database (never the user's: scripts/test.ts points DATABASE_URL at ledger_test)
// and loads the five plans, once per run, as the database owner. The tests themselves run the app's
// code as the app's own role (no superuser, audit trail SELECT/INSERT only: docs/database-roles.md):
// scripts/test.ts passes DATABASE_URL (the app's role) and OWNER_DATABASE_URL; run directly
// (`DATABASE_URL=<owner>/…_test npx vitest run …`), this prepares the app's role the same way.
import { execFileSync } from "node:child_process";
import { prepareAppRole } from "../../scripts/lib/app-role";

export default async function setup() {
  if (process.env.VITEST_NO_DB === "1") return; // pure tests (scripts/test.ts: the date tests per time zone)
  const owner = process.env.OWNER_DATABASE_URL ?? process.env.DATABASE_URL ?? "";
  if (!/_test\b|_test$|ledger_test/.test(new URL(owner).pathname)) throw new Error(`refusing to reset a non-test database: ${owner}`);
  if (!process.env.OWNER_DATABASE_URL) {
    // Seen by the test files: they start after this.
    process.env.DATABASE_URL = await prepareAppRole(owner, { purpose: "test", embedded: false });
    process.env.OWNER_DATABASE_URL = owner;
  }
  execFileSync("npx", ["tsx", "--conditions=react-server", "scripts/seed.ts", "--reset", "--demo-users"], {
    stdio: "inherit",
    env: { ...process.env, DATABASE_URL: owner },
  });
}
