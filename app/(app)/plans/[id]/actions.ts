"use server";
import { actionOf } from "@/lib/server/action";
import { updatePlanSettings } from "@/lib/server/plans/update-plan-settings";

// The plan settings form (plan-settings-form.tsx).
export async function updatePlanSettingsAction(input: unknown) {
  return actionOf(updatePlanSettings, input);
}
