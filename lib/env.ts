import "server-only";
import { z } from "zod";

// Milliseconds, from an environment variable (a whole number; unset → the default).
const ms = (fallback: number, min = 0) => z.coerce.number().int().min(min).default(fallback);

const schema = z
  .object({
    DATABASE_URL: z.string().url({ message: "DATABASE_URL must be a postgresql:// URL" }),
    NEXTAUTH_SECRET: z.string().min(16, { message: "NEXTAUTH_SECRET must be at least 16 characters" }),
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    // Database limits (lib/db.ts). Every request ends within them, also when PostgreSQL hangs:
    DB_POOL_MAX: z.coerce.number().int().min(2).default(10), // connections per server process
    DB_CONNECT_TIMEOUT_MS: ms(3000, 100), // to open a connection or wait for a free one in the pool
    DB_STATEMENT_TIMEOUT_MS: ms(15_000, 100), // server side: one statement (SQLSTATE 57014)
    DB_LOCK_TIMEOUT_MS: ms(5000, 100), // server side: waiting for one row or advisory lock (55P03)
    DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: ms(30_000, 1000), // server side: a transaction left open with nothing running
    // Client side: no answer at all (a frozen server cannot enforce its own timeouts); default statement + 5 s.
    DB_QUERY_TIMEOUT_MS: z.coerce.number().int().min(100).optional(),
    DB_TRANSACTION_TIMEOUT_MS: ms(5000, 100), // an interactive transaction's default lifetime (Prisma; long ones set their own)
    // Import confirmations run at most this many at once per process, so long writes never take more
    // than that many pool connections; others wait (holding no connection) up to IMPORT_QUEUE_WAIT_MS.
    IMPORT_MAX_CONCURRENT: z.coerce.number().int().min(1).default(1),
    IMPORT_QUEUE_WAIT_MS: ms(60_000),
  })
  .transform((e) => ({ ...e, DB_QUERY_TIMEOUT_MS: e.DB_QUERY_TIMEOUT_MS ?? e.DB_STATEMENT_TIMEOUT_MS + 5000 }))
  .refine((e) => e.DB_QUERY_TIMEOUT_MS > e.DB_STATEMENT_TIMEOUT_MS, {
    message: "DB_QUERY_TIMEOUT_MS must be longer than DB_STATEMENT_TIMEOUT_MS (the server cancels first; the client gives up only when it gets no answer)",
    path: ["DB_QUERY_TIMEOUT_MS"],
  });

export type Env = z.infer<typeof schema>;
let cached: Env | undefined;

// Validated on first use and at server start (instrumentation.ts), not at build time.
export function env(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    throw new Error(`Invalid environment:\n${parsed.error.issues.map((i) => `- ${i.path.join(".")}: ${i.message}`).join("\n")}`);
  }
  cached = parsed.data;
  return cached;
}
