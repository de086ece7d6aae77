import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";

// One client per server process (kept on globalThis so dev hot reload does not open new pools).
const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

// How long anything may take (lib/env.ts, DB_*): every request ends within these, also when
// PostgreSQL hangs, and answers 503 (lib/errors.ts databaseFailure, lib/server/run-action.ts).
export type DatabaseSettings = {
  url: string;
  poolMax: number;
  connectTimeoutMs: number; // open a connection, or wait for a free one
  statementTimeoutMs: number; // server: one statement (57014)
  lockTimeoutMs: number; // server: wait for one lock (55P03)
  idleInTransactionTimeoutMs: number; // server: an open transaction with nothing running
  queryTimeoutMs: number; // client: no answer at all (a frozen server enforces nothing)
  transactionTimeoutMs: number; // Prisma: an interactive transaction's default lifetime
};

export function databaseSettings(): DatabaseSettings {
  const e = env();
  return {
    url: e.DATABASE_URL,
    poolMax: e.DB_POOL_MAX,
    connectTimeoutMs: e.DB_CONNECT_TIMEOUT_MS,
    statementTimeoutMs: e.DB_STATEMENT_TIMEOUT_MS,
    lockTimeoutMs: e.DB_LOCK_TIMEOUT_MS,
    idleInTransactionTimeoutMs: e.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS,
    queryTimeoutMs: e.DB_QUERY_TIMEOUT_MS,
    transactionTimeoutMs: e.DB_TRANSACTION_TIMEOUT_MS,
  };
}

const isReadTimeout = (e: unknown) => e instanceof Error && e.message === "Query read timeout";

// Prisma's query interpreter may send the sub-queries of one statement concurrently on a
// transaction's connection; pg queues them but warns that it will stop doing so (pg 9). Queue them
// here instead, one after another, so a connection never has two queries in flight.
//
// Failed connections never stay in (or leak from) the pool:
// - a query with no answer within query_timeout leaves its connection unusable (the answer may
//   still come, or never): the connection is closed, so the pool replaces it instead of handing a
//   hung connection to the next request (pool.query's own path discards it already);
// - Prisma hands a transaction's connection back to the pool only after its ROLLBACK or COMMIT
//   succeeds. A ROLLBACK on a closed or hung connection is moot (the server rolls back when the
//   connection goes), so it is answered here and the connection, closed, leaves the pool on release;
//   a failed COMMIT is reported to the caller and its connection released here, closed.
//   Otherwise every transaction cut short by an outage would hold one of the pool's connections
//   until the server process restarts.
class SerialClient extends pg.Client {
  private tail: Promise<unknown> = Promise.resolve();

  // A connection the server ends while it is checked out but idle (a restart, 57P01) emits "error"
  // with nobody listening between queries: logged here instead of crashing the server process; the
  // next query on it fails and the pool replaces it.
  constructor(...args: ConstructorParameters<typeof pg.Client>) {
    super(...args);
    this.on("error", (e: Error) => console.error(`[db] connection lost: ${e.message}`));
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  query(...args: any[]): any {
    const last = args[args.length - 1];
    // Callback and submittable forms (used by pg itself) go through unchanged.
    if (typeof last === "function" || typeof args[0]?.submit === "function") return (super.query as (...a: unknown[]) => unknown)(...args);
    const text: unknown = typeof args[0] === "string" ? args[0] : args[0]?.text;
    const run = () => (super.query as (...a: unknown[]) => Promise<unknown>)(...args).catch((e: unknown) => this.failed(text, e));
    const result = this.tail.then(run, run);
    this.tail = result.catch(() => undefined);
    return result;
  }

  private failed(text: unknown, e: unknown) {
    const broken = isReadTimeout(e) || !(this as unknown as { _queryable: boolean })._queryable;
    if (broken || text === "ROLLBACK" || text === "COMMIT") void this.end().catch(() => undefined); // pg destroys the socket if a query is still active
    if (text === "ROLLBACK") return { command: "ROLLBACK", rowCount: 0, rows: [], fields: [] };
    if (text === "COMMIT") {
      try {
        (this as unknown as { release?: (err: unknown) => void }).release?.(e);
      } catch {
        // not checked out from a pool
      }
    }
    throw e;
  }
}

export function createDatabaseClient(s: DatabaseSettings = databaseSettings()): PrismaClient {
  const adapter = new PrismaPg({
    connectionString: s.url,
    max: s.poolMax,
    // Fail fast when the database is down or the pool is exhausted instead of hanging the request.
    connectionTimeoutMillis: s.connectTimeoutMs,
    // Sent in every connection's startup packet, so they hold for transactions and raw queries alike.
    statement_timeout: s.statementTimeoutMs,
    lock_timeout: s.lockTimeoutMs,
    idle_in_transaction_session_timeout: s.idleInTransactionTimeoutMs,
    query_timeout: s.queryTimeoutMs,
    Client: SerialClient,
  });
  return new PrismaClient({ adapter, transactionOptions: { maxWait: s.connectTimeoutMs, timeout: s.transactionTimeoutMs } });
}

export const db: PrismaClient = globalForPrisma.prisma ?? (globalForPrisma.prisma = createDatabaseClient());
