"use server";
import { actionOf } from "@/lib/server/action";
import { issueToken } from "@/lib/server/api-tokens/issue-token";
import { revokeToken } from "@/lib/server/api-tokens/revoke-token";

// The token forms (token-forms.tsx).
export async function issueTokenAction(input: unknown) {
  return actionOf(issueToken, input);
}

export async function revokeTokenAction(input: unknown) {
  return actionOf(revokeToken, input);
}
