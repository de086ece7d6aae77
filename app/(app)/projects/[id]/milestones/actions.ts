"use server";
import { actionOf } from "@/lib/server/action";
import { saveMilestones } from "@/lib/server/milestones/save-milestones";

export async function saveMilestonesAction(input: unknown) {
  return actionOf(saveMilestones, input);
}
