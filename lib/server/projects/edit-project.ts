import "server-only";
import { can } from "@/lib/server/auth/authorize";
import type { SessionUser } from "@/lib/server/auth/current-user";
import { requestProjectChange } from "./request-project-change";
import { updateProject } from "./update-project";

// The one entry for an edit of project facts (edit form and PATCH /api/v1/projects/:id): applied
// directly for the plan office, filed as a 调整申请 for county officers. Each operation authorises
// itself; a user with neither right gets FORBIDDEN from requestProjectChange.
export async function editProject(actor: SessionUser, input: { id: unknown } & Record<string, unknown>) {
  const id = Number(input.id);
  const direct = Number.isSafeInteger(id) && id > 0 && (await can(actor, "project.update", { project: id }).catch(() => false));
  return direct ? updateProject(actor, input) : requestProjectChange(actor, input);
}
