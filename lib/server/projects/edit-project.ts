import "server-only";
import { z } from "zod";
import { can } from "@/lib/server/auth/authorize";
import { operation } from "@/lib/server/operation";
import { requestProjectChange } from "./request-project-change";
import { updateProject } from "./update-project";
import { recordId } from "@/lib/schemas/fields";

const target = z.looseObject({ id: recordId() });

// The one entry for an edit of project facts (edit form and PATCH /api/v1/projects/:id): applied
// directly for the plan office, filed as a 调整申请 for county officers. Each of the two operations
// checks its own permission; a user with neither gets FORBIDDEN from requestProjectChange.
export const editProject = operation({
  permission: "plan.read",
  input: target,
  async run(actor, v) {
    const direct = await can(actor, "project.update", { project: v.id });
    return direct ? updateProject(actor, v) : requestProjectChange(actor, v);
  },
});
