"use server";
import { actionOf } from "@/lib/server/action";
import { createIndicator } from "@/lib/server/indicators/create-indicator";
import { setIndicatorDirection } from "@/lib/server/indicators/set-indicator-direction";

// The 指标 page's forms (plan office): add an indicator; set which way is better.
export async function createIndicatorAction(input: unknown) {
  return actionOf(createIndicator, input);
}

export async function setIndicatorDirectionAction(input: unknown) {
  return actionOf(setIndicatorDirection, input);
}
