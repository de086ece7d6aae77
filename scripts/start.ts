// `npm start`: database (embedded unless DATABASE_URL) → migrations, as the owner → the app's own
// role and its grants (docs/database-roles.md) → seed if empty → build if needed → next start on
// HOST:PORT (default 127.0.0.1:3000), connected as the app's role. Ctrl-C stops the server and the
// database cleanly.
import { spawn } from "node:child_process";
import { prepareAppRole } from "./lib/app-role";
import { ensureDatabase, ROOT } from "./lib/database";
import { buildIfNeeded } from "./lib/build";
import { browseUrl, listenAddress, serveCommand } from "./lib/listen";
import { mustRun, prisma } from "./lib/run";
import { localSecret } from "./lib/secret";

async function main() {
  const { host } = listenAddress();
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
    // No NEXTAUTH_URL: the server derives it from APP_URL or uses the request's host (scripts/serve.ts).
    const common = { NEXTAUTH_SECRET: localSecret() };
    await prisma(["generate"], db.url);
    await prisma(["migrate", "deploy"], db.url);
    const appUrl = await prepareAppRole(db.url, { purpose: "app", embedded: db.embedded });
    await mustRun("tsx", ["--conditions=react-server", "scripts/seed.ts", "--if-empty"], { ...common, DATABASE_URL: db.url });
    // From here on only the app's role: the owner's URL is not passed to the build or the server.
    const env = { ...common, DATABASE_URL: appUrl };
    await buildIfNeeded(env);
    if (shuttingDown) return;
    console.log(
      `[start] serving on ${process.env.APP_URL?.trim() || browseUrl()} (listening on ${host}${host === "127.0.0.1" ? "; HOST=0.0.0.0 to serve other machines" : ""})`,
    );
    const server = spawn(...serveCommand(ROOT), {
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
