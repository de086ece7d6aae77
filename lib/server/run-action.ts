import "server-only";
import { databaseFailure, HTTP_STATUS, isAppError, type AppErrorCode, type FieldErrors } from "@/lib/errors";

export type ActionResult<T> =
  { ok: true; data: T } | { ok: false; code: AppErrorCode | "INTERNAL"; message: string; fieldErrors?: FieldErrors; details?: unknown };

// Turns a domain call into the result shape forms read: expected errors keep their message and
// field errors; anything else is logged and reported generically.
export async function runAction<T>(fn: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await fn() };
  } catch (e) {
    if (isAppError(e)) return { ok: false, code: e.code, message: e.message, fieldErrors: e.fieldErrors, details: e.details };
    // The database down or too slow (a timeout of lib/db.ts): 503 with the Chinese message, the cause logged.
    const db = databaseFailure(e);
    if (db) {
      console.error(`[action] database unavailable: ${db.cause}`);
      return { ok: false, code: "UNAVAILABLE", message: db.message };
    }
    console.error("[action] unexpected error", e);
    return { ok: false, code: "INTERNAL", message: "操作失败，请稍后重试。如果问题持续，请联系管理员。" };
  }
}

// The same for JSON route handlers.
export async function jsonResponse<T>(fn: () => Promise<T>, okStatus = 200): Promise<Response> {
  const result = await runAction(fn);
  if (result.ok) return Response.json(result.data, { status: okStatus });
  const status = result.code === "INTERNAL" ? 500 : HTTP_STATUS[result.code];
  const { ok: _ok, ...body } = result;
  return Response.json({ error: body }, { status });
}
