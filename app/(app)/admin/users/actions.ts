"use server";
import { actionOf } from "@/lib/server/action";
import { createUser } from "@/lib/server/users/create-user";
import { resetPassword } from "@/lib/server/users/reset-password";
import { updateUser } from "@/lib/server/users/update-user";

// The user form (user-form.tsx) and the reset form ([id]/reset-password-form.tsx).
export async function createUserAction(input: unknown) {
  return actionOf(createUser, input);
}

export async function updateUserAction(input: unknown) {
  return actionOf(updateUser, input);
}

export async function resetPasswordAction(input: unknown) {
  return actionOf(resetPassword, input);
}
