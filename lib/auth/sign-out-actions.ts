"use server";
import { redirect } from "next/navigation";
import { endSession } from "@/lib/server/auth/end-session";

// The 退出 button (components/sign-out-button.tsx): a form, so it works before hydration too.
export async function signOutAction(): Promise<never> {
  await endSession();
  redirect("/login");
}

// After a password change every session has ended already; this one's cookie goes too.
export async function signOutAfterPasswordChangeAction(): Promise<never> {
  await endSession();
  redirect("/login?changed=1");
}
