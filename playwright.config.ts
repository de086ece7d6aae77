import fs from "node:fs";
import { defineConfig } from "@playwright/test";

// scripts/test.ts starts the database and sets DATABASE_URL / E2E_PORT before running this.
const port = Number(process.env.E2E_PORT ?? 3100);
const chromium = process.env.CHROMIUM_PATH ?? (fs.existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"], ["json"]],
  timeout: 60_000,
  use: {
    baseURL: `http://localhost:${port}`,
    locale: "zh-CN",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromium,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  webServer: {
    // The production server (scripts/serve.ts); exec: Playwright's stop signal must reach it, not a shell.
    command: "exec node_modules/.bin/tsx scripts/serve.ts",
    url: `http://localhost:${port}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    // "localhost" resolves to 127.0.0.1 or ::1 depending on the machine: listen on both.
    // No APP_URL: redirects are paths on whatever host the browser used (e2e/other-host.spec.ts).
    env: { NODE_ENV: "production", HOST: "::", PORT: String(port), NEXT_TELEMETRY_DISABLED: "1" },
  },
});
