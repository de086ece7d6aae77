"use server";
import { revalidatePath } from "next/cache";
import { issueToken } from "@/lib/server/api-tokens/issue-token";
import { revokeToken } from "@/lib/server/api-tokens/revoke-token";
import { requireUser } from "@/lib/server/auth/current-user";
import { runAction } from "@/lib/server/run-action";

export async function issueTokenAction(input: unknown) {
  const result = await runAction(async () => issueToken(await requireUser(), input));
  revalidatePath("/admin/tokens");
  return result;
}

export async function revokeTokenAction(input: unknown) {
  const result = await runAction(async () => revokeToken(await requireUser(), input));
  revalidatePath("/admin/tokens");
  return result;
}
