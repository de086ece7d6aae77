// One error type for expected failures. Its message is shown to the user as is; anything else is
// logged and shown as a generic message.
// The list is exported for the API description (lib/api/openapi.ts).
export const APP_ERROR_CODES = ["VALIDATION", "UNAUTHENTICATED", "FORBIDDEN", "NOT_FOUND", "CONFLICT", "RATE_LIMITED", "BAD_FILE", "UNAVAILABLE"] as const;
export type AppErrorCode = (typeof APP_ERROR_CODES)[number];

export const HTTP_STATUS: Record<AppErrorCode, number> = {
  VALIDATION: 400,
  BAD_FILE: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
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

// Connection-level failures (server down, refused, timed out): the request fails fast with 503
// instead of a generic 500; the pool reconnects by itself once the server is back.
export function isDatabaseUnavailable(e: unknown): boolean {
  const err = e as { code?: string; message?: string; cause?: unknown; meta?: { driverAdapterError?: unknown } } | null;
  if (!err) return false;
  if (err.code && ["P1001", "P1002", "P1017", "P2024", "ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "57P01", "57P03"].includes(err.code)) return true;
  if (
    /ECONNREFUSED|ECONNRESET|Connection terminated|connection timeout|timeout exceeded when trying to connect|Can't reach database|DatabaseNotReachable|the database system is (starting up|shutting down)|terminating connection/i.test(
      err.message ?? "",
    )
  )
    return true;
  return err.cause !== undefined && err.cause !== e ? isDatabaseUnavailable(err.cause) : false;
}
