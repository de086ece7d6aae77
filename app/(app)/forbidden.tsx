import { headers } from "next/headers";
import { RoleRefusal } from "@/components/forbidden";
import { getCurrentUser } from "@/lib/server/auth/current-user";

export const metadata = { title: "没有权限" };

// Rendered with HTTP 403 when a page calls forbidden() (lib/ui/or-forbidden.tsx), worded for the
// role of the user who asked; proxy.ts passes the page's path (for the way back to a project).
export default async function ForbiddenPage() {
  const [user, h] = await Promise.all([getCurrentUser(), headers()]);
  return <RoleRefusal role={user?.role ?? null} path={h.get("x-ledger-path") ?? ""} />;
}
