import "server-only";
import { AppError } from "@/lib/errors";
import { flatParams } from "@/lib/schemas/finance";
import { requireApiUser } from "./auth/api-user";
import { fileResponse, type FileJob } from "./exports/file-response";
import { assertPermission, type Operation } from "./operation";
import { JSON_BODY_MAX_BYTES, readCappedBody } from "./request-body";
import { jsonResponse } from "./run-action";

// Route handlers of /api/v1: the caller (API token or session cookie) runs one operation on the
// request's input; errors become the JSON error body with the status of their code. Order: who calls
// (401) → the role's permission for the operation (403) → the body or query, read and parsed (400) →
// the record, in the operation (403/404): a role that may not call the operation never learns more.
type Ctx = { params: Promise<Record<string, string>> };
type Input = (request: Request, params: Record<string, string>) => Promise<unknown> | unknown;

export function jsonRoute<R>(op: Operation<R>, input: Input) {
  return async (request: Request, ctx?: Ctx) =>
    jsonResponse(async () => {
      const user = await requireApiUser(request);
      assertPermission(user, op.permission);
      return op(user, await input(request, (await ctx?.params) ?? {}));
    });
}

// A streamed file: validation and permission errors still come back as JSON, before any byte.
export function fileRoute<R extends FileJob>(op: Operation<R>, input: Input) {
  return async (request: Request, ctx?: Ctx) =>
    fileResponse(async () => {
      const user = await requireApiUser(request);
      assertPermission(user, op.permission);
      return op(user, await input(request, (await ctx?.params) ?? {}));
    });
}

// The query string as a flat object (first value of repeated keys).
export const query: Input = (request) => flatParams(Object.fromEntries(new URL(request.url).searchParams));

// A JSON body, merged with the path parameters (which win: a body cannot name another record).
export const jsonBody: Input = async (request, params) => {
  if (!request.headers.get("content-type")?.startsWith("application/json"))
    throw new AppError("VALIDATION", "请求体须为 JSON（Content-Type: application/json）。");
  const bytes = await readCappedBody(request, JSON_BODY_MAX_BYTES, `请求体过大：不能超过 ${JSON_BODY_MAX_BYTES / 1024 / 1024} MB。`);
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    throw new AppError("VALIDATION", "请求体不是有效的 JSON。");
  }
  if (body === null || typeof body !== "object" || Array.isArray(body)) throw new AppError("VALIDATION", "请求体须为 JSON 对象。");
  return { ...body, ...params };
};
