// `npm start`: database (embedded unless DATABASE_URL) → migrations → seed if empty → build if
// needed → next start on PORT (default 3000). Ctrl-C stops the server and the database cleanly.
import { spawn } from "node:child_process";
import path from "node:path";
import { ensureDatabase, ROOT } from "./lib/database";
import { buildIfNeeded } from "./lib/build";
import { mustRun, prisma } from "./lib/run";
import { localSecret } from "./lib/secret";

async function main() {
  const port = process.env.PORT ?? "3000";
  const db = await ensureDatabase({ purpose: "app" });
  let shuttingDown = false;
  const shutdown = async (code: number) => {
    if (shuttingDown) return;
    shuttingDown = true;
    await db.stop();
    process.exit(code);
  };
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));
  try {
    const env = {
      DATABASE_URL: db.url,
      NEXTAUTH_SECRET: localSecret(),
      NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
    };
    await prisma(["generate"], db.url);
    await prisma(["migrate", "deploy"], db.url);
    await mustRun("tsx", ["--conditions=react-server", "scripts/seed.ts", "--if-empty"], env);
    await buildIfNeeded(env);
    if (shuttingDown) return;
    console.log(`[start] serving on http://localhost:${port}`);
    const server = spawn(path.join(ROOT, "node_modules/.bin/next"), ["start", "-p", port], {
      cwd: ROOT,
      stdio: "inherit",
      env: { ...process.env, ...env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    });
    const stopServer = () => server.kill("SIGTERM");
    process.removeAllListeners("SIGINT");
    process.removeAllListeners("SIGTERM");
    process.on("SIGINT", stopServer);
    process.on("SIGTERM", stopServer);
    server.on("exit", (code) => void shutdown(code ?? 0));
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    await shutdown(1);
  }
}
void main();
