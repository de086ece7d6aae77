import { requireApiUser } from "@/lib/server/auth/api-user";
import { listPlansForApi } from "@/lib/server/finance/list-plan-figures";
import { jsonResponse } from "@/lib/server/run-action";

// GET /api/v1/plans — the plans (id, title, level, period) with their counts and 总投资 (figures, as on
// the plan page). Documented in /api/v1/openapi.json.
export async function GET(request: Request) {
  return jsonResponse(async () => listPlansForApi(await requireApiUser(request)));
}
