import { jsonBody, jsonRoute } from "@/lib/server/route";
import { createUnit } from "@/lib/server/units/create-unit";

// POST /api/v1/plans/:id/units — a new reporting unit of the plan (the same operation as the plan
// settings page); the plan is the path's, never the body's.
export const POST = jsonRoute(createUnit, (request, params) => jsonBody(request, { planId: params.id }));
