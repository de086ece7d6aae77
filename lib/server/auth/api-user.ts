import "server-only";
import { AppError } from "@/lib/errors";
import { userForToken } from "@/lib/server/api-tokens/user-for-token";
import { enforceApiRateLimit } from "@/lib/server/rate-limit";
import { timed } from "@/lib/server-timing";
import { getCurrentUser, type SessionUser } from "./current-user";

// The caller of a JSON route: an API token (`Authorization: Bearer plt_…`, acting as the admin who
// issued it), or else the session cookie's user.
export async function requireApiUser(request: Request): Promise<SessionUser> {
  const header = request.headers.get("authorization");
  if (header !== null) {
    const token = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
    const user = token ? await timed("user", () => userForToken(token)) : null;
    if (!user) throw new AppError("UNAUTHENTICATED", "API 令牌无效或已吊销。");
    enforceApiRateLimit(`token:${token!.slice(0, 12)}`);
    return user;
  }
  const user = await getCurrentUser();
  if (!user) throw new AppError("UNAUTHENTICATED", "未登录或登录已过期。");
  enforceApiRateLimit(`user:${user.id}`);
  return user;
}
