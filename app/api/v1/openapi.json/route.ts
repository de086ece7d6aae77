import { OPENAPI } from "@/lib/api/openapi";

// The API description (OpenAPI 3.1), public like any API documentation.
export function GET() {
  return Response.json(OPENAPI, { headers: { "Cache-Control": "public, max-age=300" } });
}
