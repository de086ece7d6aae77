"use client";
import { signOut } from "next-auth/react";
import { zh } from "@/lib/i18n/zh-CN";

export function SignOutButton() {
  return (
    <button type="button" onClick={() => signOut({ callbackUrl: "/login" })} className="text-sm text-slate-200 hover:text-white">
      {zh.nav.signOut}
    </button>
  );
}
