"use server";
import { actionOf } from "@/lib/server/action";
import { proposeAnnualPlan } from "@/lib/server/annual-plans/propose-annual-plan";
import { setAnnualPlan } from "@/lib/server/annual-plans/set-annual-plan";

// The project page's annual plan form: an officer's proposal, or the plan office's/finance's 下达.
export async function proposeAnnualPlanAction(input: unknown) {
  return actionOf(proposeAnnualPlan, input);
}

export async function setAnnualPlanAction(input: unknown) {
  return actionOf(setAnnualPlan, input);
}
