import { listPlansForApi } from "@/lib/server/finance/list-plan-figures";
import { jsonRoute, query } from "@/lib/server/route";

// GET /api/v1/plans — the plans (id, title, level, period) with their counts and 总投资 (figures, as on
// the plan page). Documented in /api/v1/openapi.json.
export const GET = jsonRoute(listPlansForApi, query);
