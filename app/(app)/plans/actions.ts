"use server";
import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/server/auth/current-user";
import { updatePlanSettings } from "@/lib/server/plans/update-plan-settings";
import { runAction } from "@/lib/server/run-action";

export async function updatePlanSettingsAction(input: unknown) {
  const result = await runAction(async () => updatePlanSettings(await requireUser(), input));
  revalidatePath("/plans", "layout");
  return result;
}
