"use server";
import { actionOf } from "@/lib/server/action";
import { markNoticesRead } from "@/lib/server/notices/mark-notices-read";

// The recipient marks their notices read (the 催报 banner on 我的项目, the notices page).
export async function markNoticesReadAction(input: unknown) {
  return actionOf(markNoticesRead, input);
}
