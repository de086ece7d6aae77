// The server's settings from its environment, checked with zod: by the server at start
// (instrumentation.ts through lib/env.ts, and scripts/serve.ts before it listens) and documented in
// docs/deploy.md (scripts/check-deploy.sh fails on a variable missing there). No server-only import:
// scripts/serve.ts runs it outside Next.
import { z } from "zod";
import { BASE_PATH, BASE_PATH_PATTERN } from "@/lib/base-path";
import { parseTrustedProxies } from "@/lib/client-address";

// Milliseconds, from an environment variable (a whole number; unset → the default).
const ms = (fallback: number, min = 0) => z.coerce.number().int().min(min).default(fallback);

const schemaFor = (builtBasePath: string) =>
  z
    .object({
      DATABASE_URL: z.string().url({ message: "DATABASE_URL must be a postgresql:// URL" }),
      NEXTAUTH_SECRET: z.string().min(16, { message: "NEXTAUTH_SECRET must be at least 16 characters" }),
      NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
      // Where it listens (scripts/serve.ts) and how it is reached (docs/deploy.md).
      HOST: z.string().trim().min(1).default("127.0.0.1"),
      PORT: z.coerce.number().int().min(1).max(65535).default(3000),
      // The public address users open, e.g. https://ledger.example.gov.cn or http://10.0.0.5/ledger (no
      // query, no trailing slash). Optional: without it every redirect is a path on whatever host the user
      // came by. https here makes the session cookies Secure. Its path must be the build's APP_BASE_PATH.
      APP_URL: z
        .string()
        .trim()
        .optional()
        .transform((v) => (v ? v.replace(/\/+$/, "") : undefined))
        .refine(
          (v) =>
            v === undefined || (URL.canParse(v) && /^https?:$/.test(new URL(v).protocol) && !new URL(v).search && !new URL(v).hash && !new URL(v).username),
          {
            message: "APP_URL must be an http:// or https:// URL without query, fragment or credentials, e.g. https://ledger.example.gov.cn",
          },
        ),
      // The path prefix, read at `next build` (next.config.js); here only checked against APP_URL.
      APP_BASE_PATH: z
        .string()
        .trim()
        .default("")
        .refine((v) => BASE_PATH_PATTERN.test(v), { message: 'APP_BASE_PATH must be empty or a path such as "/ledger" (no trailing slash)' }),
      // Reverse proxies whose X-Forwarded-For/-Proto/-Host are believed (lib/client-address.ts).
      TRUSTED_PROXIES: z
        .string()
        .default("")
        .superRefine((v, ctx) => {
          try {
            parseTrustedProxies(v);
          } catch (e) {
            ctx.addIssue({ code: "custom", message: (e as Error).message });
          }
        }),
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
      // Rendered dashboards kept per process (lib/page-cache), in MB; 0 keeps none (every view renders).
      KEPT_PAGES_MB: z.coerce.number().int().min(0).max(4096).default(32),
    })
    .transform((e) => ({ ...e, DB_QUERY_TIMEOUT_MS: e.DB_QUERY_TIMEOUT_MS ?? e.DB_STATEMENT_TIMEOUT_MS + 5000 }))
    .refine((e) => e.DB_QUERY_TIMEOUT_MS > e.DB_STATEMENT_TIMEOUT_MS, {
      message: "DB_QUERY_TIMEOUT_MS must be longer than DB_STATEMENT_TIMEOUT_MS (the server cancels first; the client gives up only when it gets no answer)",
      path: ["DB_QUERY_TIMEOUT_MS"],
    })
    .refine((e) => e.APP_BASE_PATH === builtBasePath, {
      message: `APP_BASE_PATH differs from the one the app was built with ("${builtBasePath || "(none)"}"): rebuild (npm start rebuilds when it changes)`,
      path: ["APP_BASE_PATH"],
    })
    // The app answers under the prefix it was built with: APP_URL's path must be that prefix.
    .refine((e) => !e.APP_URL || new URL(e.APP_URL).pathname.replace(/\/+$/, "") === builtBasePath, {
      message: `APP_URL's path must be the prefix the app was built with (APP_BASE_PATH at build: "${builtBasePath || "(none)"}"); rebuild with APP_BASE_PATH set to APP_URL's path`,
      path: ["APP_URL"],
    });

export type Env = z.infer<ReturnType<typeof schemaFor>>;

// The settings from an environment, or an error naming every variable that is wrong. builtBasePath:
// the path prefix the app was built with (inlined into Next's bundles; scripts/serve.ts reads the build's).
export function parseEnv(source: Record<string, string | undefined>, builtBasePath: string = BASE_PATH): Env {
  const parsed = schemaFor(builtBasePath).safeParse(source);
  if (!parsed.success) {
    throw new Error(`Invalid environment:\n${parsed.error.issues.map((i) => `- ${i.path.join(".")}: ${i.message}`).join("\n")}`);
  }
  return parsed.data;
}
