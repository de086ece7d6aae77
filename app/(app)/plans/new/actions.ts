"use server";
import { actionOf } from "@/lib/server/action";
import { createPlan } from "@/lib/server/plans/create-plan";

// The new plan form (plan-create-form.tsx).
export async function createPlanAction(input: unknown) {
  return actionOf(createPlan, input);
}
