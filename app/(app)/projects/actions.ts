"use server";
import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/server/auth/current-user";
import { editProject } from "@/lib/server/projects/edit-project";
import { runAction } from "@/lib/server/run-action";

export async function editProjectAction(input: { id: unknown } & Record<string, unknown>) {
  const result = await runAction(async () => editProject(await requireUser(), input));
  if (result.ok) revalidatePath("/", "layout");
  return result;
}
