import { listPlansForApi } from "@/lib/server/finance/list-plan-figures";
import { createPlan } from "@/lib/server/plans/create-plan";
import { jsonBody, jsonRoute, query } from "@/lib/server/route";

// GET /api/v1/plans — the plans (id, title, level, period) with their counts and 总投资 (figures, as on
// the plan page). POST — the plan office creates a plan (the same operation as the new plan form).
// Documented in /api/v1/openapi.json.
export const GET = jsonRoute(listPlansForApi, query);
export const POST = jsonRoute(createPlan, jsonBody);
