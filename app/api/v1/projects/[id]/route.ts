import { editProject } from "@/lib/server/projects/edit-project";
import { jsonBody, jsonRoute } from "@/lib/server/route";

// PATCH /api/v1/projects/:id — the same operation as the edit form (validated, authorised, audited):
// a direct change for the plan office, a 调整申请 (answer carries requestId) for county officers.
export const PATCH = jsonRoute(editProject, jsonBody);
