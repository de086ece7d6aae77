"use server";
import { actionOf } from "@/lib/server/action";
import { requestWithdrawal } from "@/lib/server/projects/request-withdrawal";

export async function requestWithdrawalAction(input: unknown) {
  return actionOf(requestWithdrawal, input);
}
