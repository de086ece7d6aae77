"use server";
import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/server/auth/current-user";
import { runAction } from "@/lib/server/run-action";
import { createUser } from "@/lib/server/users/create-user";
import { resetPassword } from "@/lib/server/users/reset-password";
import { updateUser } from "@/lib/server/users/update-user";

export async function createUserAction(input: unknown) {
  const result = await runAction(async () => createUser(await requireUser(), input));
  revalidatePath("/admin/users");
  return result;
}

export async function updateUserAction(input: unknown) {
  const result = await runAction(async () => updateUser(await requireUser(), input));
  revalidatePath("/admin/users");
  return result;
}

export async function resetPasswordAction(input: unknown) {
  return runAction(async () => resetPassword(await requireUser(), input));
}
