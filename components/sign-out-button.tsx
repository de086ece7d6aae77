"use client";
import { confirmDiscardUnsaved } from "@/components/unsaved-changes";
import { signOutAction } from "@/lib/auth/sign-out-actions";
import { zh } from "@/lib/i18n/zh-CN";

// A server action form rather than a click handler: a click before the page's script has loaded (a
// slow phone connection) still signs out, as a plain POST. Once it has loaded, unsaved work is asked
// about first (the sign-out does not unload the page, so the leave-page prompt would not appear).
export function SignOutButton() {
  return (
    <form
      action={signOutAction}
      onSubmit={(e) => {
        if (!confirmDiscardUnsaved()) e.preventDefault();
      }}
      className="inline"
    >
      <button type="submit" className="text-sm text-slate-200 hover:text-white">
        {zh.nav.signOut}
      </button>
    </form>
  );
}
