// Starts the production build on 127.0.0.1 (a free port) against a given database, for the
// benchmark and load scripts; and mints session cookies without a sign-in round trip.
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import net from "node:net";
import { encode } from "next-auth/jwt";
import { ROOT } from "./database";
import { serveCommand } from "./listen";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

export async function waitFor(url: string, timeoutMs: number) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`server did not answer ${url}`);
}

// `env`: the database and secret, and any other setting of the server's (lib/env-schema.ts).
export async function startApp(env: { DATABASE_URL: string; NEXTAUTH_SECRET: string } & Record<string, string>) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(...serveCommand(ROOT), {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, ...env, HOST: "127.0.0.1", PORT: String(port), NODE_ENV: "production", NEXTAUTH_URL: base, NEXT_TELEMETRY_DISABLED: "1" },
  });
  await waitFor(`${base}/api/health`, 60_000);
  // Resolves once the server has exited.
  const stop = () =>
    new Promise<void>((resolve) => (server.exitCode !== null || server.signalCode !== null ? resolve() : server.once("exit", () => resolve()).kill("SIGTERM")));
  return { base, server, stop };
}

// The session cookie of a user, as next-auth would set it after sign-in.
export async function sessionCookie(secret: string, user: { id: number; sessionVersion: number; name: string }) {
  const jwt = await encode({ token: { uid: user.id, sv: user.sessionVersion, name: user.name, sid: crypto.randomUUID() }, secret });
  return `next-auth.session-token=${jwt}`;
}
