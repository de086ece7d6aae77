"use server";
import { actionOf } from "@/lib/server/action";
import { editProject } from "@/lib/server/projects/edit-project";

export async function editProjectAction(input: unknown) {
  return actionOf(editProject, input);
}
