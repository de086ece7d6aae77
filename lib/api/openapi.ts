import "server-only";
import type { z } from "zod";
import { BASE_PATH } from "@/lib/base-path";
import { HTTP_STATUS } from "@/lib/errors";
import { grantOf, ROLES, type Action } from "@/lib/permissions";
import { API_LIMIT_PER_MINUTE } from "@/lib/server/rate-limit";
import { componentSchemas, parameters, parametersByValue, type JsonSchema } from "./json-schema";
import { OPERATIONS, REQUEST_COMPONENTS, RESPONSE_COMPONENTS, type Ok, type Operation } from "./operations";

// OpenAPI 3.1 description of /api/v1, served at /api/v1/openapi.json: generated from the operation
// table (operations.ts) and the zod schemas the routes validate and answer with.

const responseSchemas = componentSchemas(RESPONSE_COMPONENTS, "output");
const requestSchemas = componentSchemas(REQUEST_COMPONENTS, "input");
// The project id of PATCH /api/v1/projects/{id} is the path's; the route ignores one in the body.
const { id: _pathId, ...projectFields } = requestSchemas.ProjectUpdate.properties!;
requestSchemas.ProjectUpdate = {
  ...requestSchemas.ProjectUpdate,
  properties: projectFields,
  required: requestSchemas.ProjectUpdate.required!.filter((f) => f !== "id"),
};

const named = new Map<z.ZodType, string>(Object.entries({ ...RESPONSE_COMPONENTS, ...REQUEST_COMPONENTS }).map(([name, schema]) => [schema, name]));
function ref(schema: z.ZodType) {
  const name = named.get(schema);
  if (!name) throw new Error("An operation's body or response schema must be a named component (operations.ts)");
  return { $ref: `#/components/schemas/${name}` };
}

const ERROR_TEXT: Record<number, string> = {
  400: "Invalid parameters or body; fieldErrors names the fields",
  401: "No valid session cookie or API token",
  404: "No such plan, unit, project or list",
  409: "Stale version: someone saved a change meanwhile; details lists it",
  413: "Body too large (JSON bodies: 1 MB; an import upload: the file limit plus 64 KB); read no further than the limit",
  429: `Too many requests: at most ${API_LIMIT_PER_MINUTE} a minute per token or user`,
  500: "Unexpected error (logged on the server)",
  503: "Database unavailable; retry later",
};

function errorResponse(status: number, text: string) {
  const codes = status === 500 ? ["INTERNAL"] : Object.entries(HTTP_STATUS).flatMap(([code, s]) => (s === status ? [code] : []));
  return { description: `${text}. Code: ${codes.join(" or ")}`, content: { "application/json": { schema: ref(RESPONSE_COMPONENTS.Error) } } };
}

// 403 exists only where some role lacks the rights, or holds them for its own units only.
function forbidden(actions: Action[]): string | null {
  const denied = ROLES.filter((r) => !actions.some((a) => grantOf(r, a)));
  const ownUnits = ROLES.filter((r) => !denied.includes(r) && !actions.some((a) => grantOf(r, a) === "all"));
  if (!denied.length && !ownUnits.length) return null;
  return [
    `The caller may not do this (${actions.join(" / ")})`,
    denied.length && `not allowed: ${denied.join(", ")}`,
    ownUnits.length && `own units only: ${ownUnits.join(", ")}`,
  ]
    .filter(Boolean)
    .join("; ");
}

function okResponse(ok: Ok) {
  if ("json" in ok) return { description: ok.description, content: { "application/json": { schema: ref(ok.json) } } };
  if ("ndjson" in ok)
    return {
      description: `${ok.description}. One JSON object per line; the schema is of one line.`,
      content: { "application/x-ndjson": { schema: ref(ok.ndjson) } },
    };
  return { description: ok.description, headers: ok.headers, content: { [ok.file.split(";")[0]]: {} } };
}

function operation(op: Operation) {
  const responses: Record<string, unknown> = { "200": okResponse(op.ok) };
  if (!op.public) {
    const denied = op.actions ? forbidden(op.actions) : null;
    const statuses = [...(op.errors ?? []), 401, ...(denied ? [403] : []), ...(op.body ? [413] : []), 429, 500, 503].sort((a, b) => a - b);
    for (const s of statuses) responses[String(s)] = errorResponse(s, s === 403 ? denied! : ERROR_TEXT[s]);
  }
  const params = [
    ...(op.pathParams ? parameters(op.pathParams, "path") : []),
    ...(op.queryByValue ? parametersByValue(op.query!, op.queryByValue) : op.query ? parameters(op.query, "query") : []),
  ];
  return {
    operationId: op.operationId,
    tags: [op.tag],
    summary: op.summary,
    ...(op.description && { description: op.description }),
    ...(op.public && { security: [] }),
    ...(params.length && { parameters: params }),
    ...(op.body && { requestBody: { required: true, content: { [op.body.type]: { schema: ref(op.body.schema) } } } }),
    responses,
  };
}

const paths: Record<string, Record<string, unknown>> = {};
for (const op of OPERATIONS) (paths[op.path] ??= {})[op.method] = operation(op);

export const OPENAPI = {
  openapi: "3.1.0",
  info: {
    title: "规划项目投资台账 API",
    version: "1.1.0",
    description: [
      "The plans' figures (the same as the finance dashboard), progress reports (调度), changes of project facts, imports and exports.",
      "Money is in 万元 as exact decimal strings (never floats); unknown amounts are null.",
      "Authenticate with the session cookie of a signed-in user, or with `Authorization: Bearer <token>` using an API token an administrator issued (系统管理 → API 令牌); a token acts with its issuer's role and units.",
      "Every failure is `{ error: { code, message, fieldErrors?, details? } }` with the status of its code; messages are Simplified Chinese, for people.",
    ].join(" "),
  },
  // Relative to the host the description was fetched from, under the path prefix the app was built with.
  servers: [{ url: BASE_PATH || "/" }],
  security: [{ bearerToken: [] }, { sessionCookie: [] }],
  paths,
  components: {
    securitySchemes: {
      bearerToken: { type: "http", scheme: "bearer", description: "API token (plt_…) issued by an administrator" },
      sessionCookie: { type: "apiKey", in: "cookie", name: "next-auth.session-token" },
    },
    schemas: { ...responseSchemas, ...requestSchemas } as Record<string, JsonSchema>,
  },
};
