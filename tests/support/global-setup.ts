// Resets the test database (never the user's: scripts/test.ts points DATABASE_URL at ledger_test)
// and loads the five plans, once per run.
import { execFileSync } from "node:child_process";

export default function setup() {
  if (process.env.VITEST_NO_DB === "1") return; // pure tests (scripts/test.ts: the date tests per time zone)
  const url = process.env.DATABASE_URL ?? "";
  if (!/_test\b|_test$|ledger_test/.test(new URL(url).pathname)) throw new Error(`refusing to reset a non-test database: ${url}`);
  execFileSync("npx", ["tsx", "--conditions=react-server", "scripts/seed.ts", "--reset", "--demo-users"], { stdio: "inherit" });
}
