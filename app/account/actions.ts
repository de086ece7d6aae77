"use server";
import { requireUser } from "@/lib/server/auth/current-user";
import { runAction } from "@/lib/server/run-action";
import { changePassword } from "@/lib/server/users/change-password";

export async function changePasswordAction(input: unknown) {
  return runAction(async () => {
    await changePassword(await requireUser(), input);
    return { done: true };
  });
}
