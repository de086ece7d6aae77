import { getRollup } from "@/lib/server/finance/get-rollup";
import { jsonRoute, query } from "@/lib/server/route";

// GET /api/v1/rollups?plan=<id>&by=unit|category|year|status|unitCategory[&period=2025-03][&submitted=1]
// The same figures as the finance dashboard. Documented in /api/v1/openapi.json.
export const GET = jsonRoute(getRollup, query);
