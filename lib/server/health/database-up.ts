import "server-only";
import pg from "pg";

// A cheap, cached "is the database reachable" check for proxy.ts: at most one ping per second per
// server process, answering within a second, so pages fail fast with a 503 while the database is
// down and recover by themselves when it is back.
const TTL_MS = 1000;
let pool: pg.Pool | undefined;
let cached: { at: number; up: boolean; reason?: string } | undefined;
let inflight: Promise<{ up: boolean; reason?: string }> | undefined;

export async function databaseUp(): Promise<{ up: boolean; reason?: string }> {
  if (cached && Date.now() - cached.at < TTL_MS) return cached;
  inflight ??= ping().finally(() => (inflight = undefined));
  return inflight;
}

async function ping() {
  if (!pool) {
    pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 1, connectionTimeoutMillis: 1000, idleTimeoutMillis: 10_000, allowExitOnIdle: true });
    pool.on("error", () => {}); // a dropped idle connection is what the next ping reports
  }
  try {
    await pool.query({ text: "SELECT 1", query_timeout: 1000 } as pg.QueryConfig);
    cached = { at: Date.now(), up: true };
  } catch (e) {
    cached = { at: Date.now(), up: false, reason: (e as Error).message };
  }
  return cached;
}
