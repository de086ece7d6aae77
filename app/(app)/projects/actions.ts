"use server";
import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/server/auth/current-user";
import { requestProjectChange } from "@/lib/server/projects/request-project-change";
import { updateProject } from "@/lib/server/projects/update-project";
import { runAction } from "@/lib/server/run-action";

export async function updateProjectAction(input: unknown) {
  const result = await runAction(async () => updateProject(await requireUser(), input));
  if (result.ok) revalidatePath("/", "layout");
  return result;
}

export async function requestProjectChangeAction(input: unknown) {
  const result = await runAction(async () => requestProjectChange(await requireUser(), input));
  if (result.ok) revalidatePath("/", "layout");
  return result;
}
