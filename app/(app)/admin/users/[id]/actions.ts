"use server";
import { actionOf } from "@/lib/server/action";
import { resetPassword } from "@/lib/server/users/reset-password";

// The reset form (reset-password-form.tsx).
export async function resetPasswordAction(input: unknown) {
  return actionOf(resetPassword, input);
}
