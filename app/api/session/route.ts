import { NextResponse } from "next/server";
import { getCurrentUser } from "@/lib/server/auth/current-user";

// Who is signed in (the session cookie's user as the database sees them now), and nothing else: the
// floor of a signed-in request — session decode and user lookup, no data, no rendering. `npm run bench`
// loads it beside the pages (issue #17). 401 when signed out.
export const dynamic = "force-dynamic";

export async function GET() {
  const user = await getCurrentUser();
  if (!user) return NextResponse.json({ error: { code: "UNAUTHENTICATED", message: "未登录或登录已过期。" } }, { status: 401 });
  return NextResponse.json({ id: user.id, displayName: user.displayName, role: user.role });
}
