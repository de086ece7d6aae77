"use server";
import { actionOf } from "@/lib/server/action";
import { changePassword } from "@/lib/server/users/change-password";

// The change-password form (change-password-form.tsx), which signs out on success.
export async function changePasswordAction(input: unknown) {
  return actionOf(changePassword, input);
}
