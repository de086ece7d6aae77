"use server";
import { actionOf } from "@/lib/server/action";
import { createProject } from "@/lib/server/projects/create-project";
import { resubmitProject } from "@/lib/server/projects/resubmit-project";

// The entry form: a new project, or the edit (and resubmission) of one not yet admitted.
export async function createProjectAction(input: unknown) {
  return actionOf(createProject, input);
}

export async function resubmitProjectAction(input: unknown) {
  return actionOf(resubmitProject, input);
}
