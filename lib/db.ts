import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";

// One client per server process (kept on globalThis so dev hot reload does not open new pools).
const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

// Prisma's query interpreter may send the sub-queries of one statement concurrently on a
// transaction's connection; pg queues them but warns that it will stop doing so (pg 9). Queue them
// here instead, one after another, so a connection never has two queries in flight.
class SerialClient extends pg.Client {
  private tail: Promise<unknown> = Promise.resolve();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  query(...args: any[]): any {
    const last = args[args.length - 1];
    // Callback and submittable forms (used by pg itself) go through unchanged.
    if (typeof last === "function" || typeof args[0]?.submit === "function") return (super.query as (...a: unknown[]) => unknown)(...args);
    const run = () => (super.query as (...a: unknown[]) => Promise<unknown>)(...args);
    const result = this.tail.then(run, run);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

function createClient() {
  const adapter = new PrismaPg({
    connectionString: env().DATABASE_URL,
    max: 10,
    // Fail fast when the database is down instead of hanging the request.
    connectionTimeoutMillis: 3000,
    Client: SerialClient,
  });
  return new PrismaClient({ adapter });
}

export const db: PrismaClient = globalForPrisma.prisma ?? (globalForPrisma.prisma = createClient());
