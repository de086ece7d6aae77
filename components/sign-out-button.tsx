"use client";
import { signOutTo } from "@/lib/auth/client";
import { zh } from "@/lib/i18n/zh-CN";

export function SignOutButton() {
  return (
    <button type="button" onClick={() => void signOutTo("/login")} className="text-sm text-slate-200 hover:text-white">
      {zh.nav.signOut}
    </button>
  );
}
