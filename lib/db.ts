import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";

// One client per server process (kept on globalThis so dev hot reload does not open new pools).
const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

function createClient() {
  const adapter = new PrismaPg({
    connectionString: env().DATABASE_URL,
    max: 10,
    // Fail fast when the database is down instead of hanging the request.
    connectionTimeoutMillis: 3000,
  });
  return new PrismaClient({ adapter });
}

export const db: PrismaClient = globalForPrisma.prisma ?? (globalForPrisma.prisma = createClient());
