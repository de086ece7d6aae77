import "server-only";
import { AppError } from "@/lib/errors";
import { getCurrentUser, type SessionUser } from "./current-user";

// The caller of a JSON route: the session cookie's user (API tokens come with the API issue).
export async function requireApiUser(): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) throw new AppError("UNAUTHENTICATED", "未登录或登录已过期。");
  return user;
}
