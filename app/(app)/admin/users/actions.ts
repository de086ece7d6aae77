"use server";
import { actionOf } from "@/lib/server/action";
import { createUser } from "@/lib/server/users/create-user";
import { updateUser } from "@/lib/server/users/update-user";

// The user form (user-form.tsx), creating and editing.
export async function createUserAction(input: unknown) {
  return actionOf(createUser, input);
}

export async function updateUserAction(input: unknown) {
  return actionOf(updateUser, input);
}
