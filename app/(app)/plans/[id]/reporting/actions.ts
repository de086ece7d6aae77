"use server";
import { actionOf } from "@/lib/server/action";
import { sendReminders } from "@/lib/server/reminders/send-reminders";

// 催报 from 填报情况 (remind-button.tsx).
export async function sendRemindersAction(input: unknown) {
  return actionOf(sendReminders, input);
}
