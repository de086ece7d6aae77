// One error type for expected failures. Its message is shown to the user as is; anything else is
// logged and shown as a generic message.
// The list is exported for the API description (lib/api/openapi.ts).
export const APP_ERROR_CODES = [
  "VALIDATION",
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "NOT_FOUND",
  "CONFLICT",
  "RATE_LIMITED",
  "BAD_FILE",
  "TOO_LARGE",
  "UNAVAILABLE",
] as const;
export type AppErrorCode = (typeof APP_ERROR_CODES)[number];

export const HTTP_STATUS: Record<AppErrorCode, number> = {
  VALIDATION: 400,
  BAD_FILE: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TOO_LARGE: 413,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
};

export type FieldErrors = Record<string, string[]>;

export class AppError extends Error {
  constructor(
    public readonly code: AppErrorCode,
    message: string,
    public readonly fieldErrors?: FieldErrors,
    public readonly details?: unknown,
  ) {
    super(message);
    this.name = "AppError";
  }
  get status() {
    return HTTP_STATUS[this.code];
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;

export const DATABASE_DOWN_MESSAGE = "数据库暂时无法连接，请稍后重试。";
export const DATABASE_BUSY_MESSAGE = "数据库繁忙，请稍后重试。";

// Connection-level failures (server down, refused, timed out): the request fails fast with 503
// instead of a generic 500; the pool reconnects by itself once the server is back.
export function isDatabaseUnavailable(e: unknown): boolean {
  const err = e as { code?: string; message?: string; cause?: unknown; meta?: { driverAdapterError?: unknown } } | null;
  if (!err) return false;
  if (err.code && ["P1001", "P1002", "P1017", "P2024", "ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "57P01", "57P03"].includes(err.code)) return true;
  if (
    /ECONNREFUSED|ECONNRESET|Connection terminated|connection timeout|timeout exceeded when trying to connect|Can't reach database|DatabaseNotReachable|the database system is (starting up|shutting down)|terminating connection|is not queryable/i.test(
      err.message ?? "",
    )
  )
    return true;
  return err.cause !== undefined && err.cause !== e ? isDatabaseUnavailable(err.cause) : false;
}

// The database took too long (lib/db.ts limits): a statement cancelled by statement_timeout or by an
// operator (SQLSTATE 57014), a lock not obtained within lock_timeout or NOWAIT (55P03), no answer
// within the client's query_timeout (a frozen server), or an interactive transaction not started
// within maxWait or run past its timeout (Prisma P2028). Returns what happened, for the log; null for anything else.
export function databaseTimeout(e: unknown, seen = new Set<unknown>()): string | null {
  const err = e as { code?: unknown; message?: unknown; cause?: unknown; meta?: { code?: unknown; driverAdapterError?: unknown } } | null;
  if (!err || typeof err !== "object" || seen.has(err)) return null;
  seen.add(err);
  const message = typeof err.message === "string" ? err.message : "";
  const codes = [err.code, err.meta?.code, (err as { originalCode?: unknown }).originalCode, /Code: `(\w{5})`/.exec(message)?.[1]];
  if (codes.includes("55P03") || /canceling statement due to lock timeout|could not obtain lock/i.test(message))
    return `55P03 lock_not_available: ${firstLine(message) || "lock not obtained"}`;
  if (codes.includes("57014") || /canceling statement due to/i.test(message)) return `57014 query_canceled: ${firstLine(message) || "statement cancelled"}`;
  if (/Query read timeout/.test(message)) return "no answer within query_timeout (Query read timeout)";
  const tx = /Unable to start a transaction in the given time|A query cannot be executed on an expired transaction[^\n]*/i.exec(message);
  if (tx) return `P2028 transaction: ${tx[0]}`;
  for (const inner of [err.cause, err.meta?.driverAdapterError, (err.meta?.driverAdapterError as { cause?: unknown } | undefined)?.cause]) {
    const found = inner !== undefined ? databaseTimeout(inner, seen) : null;
    if (found) return found;
  }
  return null;
}

const firstLine = (s: string) =>
  s
    .split("\n")
    .map((l) => l.trim())
    .find((l) => l && !l.startsWith("Invalid `") && !l.startsWith("→")) ?? "";

// A failure of the database rather than of the request: answered 503 with a Chinese message
// (lib/server/run-action.ts); `cause` is for the server log. Null for anything else.
export function databaseFailure(e: unknown): { message: string; cause: string } | null {
  const timeout = databaseTimeout(e);
  if (timeout) return { message: DATABASE_BUSY_MESSAGE, cause: timeout };
  if (isDatabaseUnavailable(e)) return { message: DATABASE_DOWN_MESSAGE, cause: firstLine((e as Error)?.message ?? "") || "unreachable" };
  return null;
}
