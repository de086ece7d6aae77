import { createProject } from "@/lib/server/projects/create-project";
import { jsonBody, jsonRoute } from "@/lib/server/route";

// POST /api/v1/projects — the same operation as the new-project form (validated, authorised, audited):
// a county officer's project is a 申报 until the plan office admits it; the plan office's is admitted.
export const POST = jsonRoute(createProject, jsonBody);
