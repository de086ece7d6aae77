import { headers } from "next/headers";
import { RoleRefusal } from "@/components/forbidden";
import { getCurrentUser } from "@/lib/server/auth/current-user";

export const metadata = { title: "没有权限" };

// HTTP 403 outside the app's layout (e.g. /account); inside it, app/(app)/forbidden.tsx answers.
export default async function ForbiddenPage() {
  const [user, h] = await Promise.all([getCurrentUser(), headers()]);
  return (
    <main className="mx-auto max-w-xl px-4">
      <RoleRefusal role={user?.role ?? null} path={h.get("x-ledger-path") ?? ""} />
    </main>
  );
}
