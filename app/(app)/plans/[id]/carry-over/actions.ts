"use server";
import { actionOf } from "@/lib/server/action";
import { carryOver } from "@/lib/server/carry-over/carry-over";

export async function carryOverAction(input: unknown) {
  return actionOf(carryOver, input);
}
