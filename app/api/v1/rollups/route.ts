import { flatParams } from "@/lib/schemas/finance";
import { requireApiUser } from "@/lib/server/auth/api-user";
import { getRollup } from "@/lib/server/finance/get-rollup";
import { jsonResponse } from "@/lib/server/run-action";

// GET /api/v1/rollups?plan=<id>&by=unit|category|year|status|unitCategory[&period=2025-03][&submitted=1]
// The same figures as the finance dashboard. Documented in /api/v1/openapi.json.
export async function GET(request: Request) {
  return jsonResponse(async () => {
    const user = await requireApiUser(request);
    const params = Object.fromEntries(new URL(request.url).searchParams);
    return getRollup(user, flatParams(params));
  });
}
