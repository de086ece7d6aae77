import { apiIndicators } from "@/lib/server/indicators/api-indicators";
import { jsonRoute, query } from "@/lib/server/route";

// GET /api/v1/indicators?plan=<id>[&year=2024][&submitted=1] — a plan's 主要指标 with values and
// assessment, the same as the 指标 page. Documented in /api/v1/openapi.json.
export const GET = jsonRoute(apiIndicators, query);
