import "server-only";
import { db } from "@/lib/db";
import { ACTIVE_USER_SELECT, activeUser, type SessionUser } from "@/lib/server/auth/current-user";
import { hashToken, TOKEN_PREFIX } from "./token-hash";

const TOUCH_AFTER_MS = 60_000;

// The user a bearer token acts as: its issuer, as the database sees them now. Null for an unknown or
// revoked token, and once the issuer's sessions were ended (password reset, role/unit change, disabled).
export async function userForToken(token: string): Promise<SessionUser | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
  const row = await db.apiToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, revokedAt: true, lastUsedAt: true, sessionVersion: true, user: { select: ACTIVE_USER_SELECT } },
  });
  if (!row || row.revokedAt) return null;
  const user = activeUser(row.user, row.sessionVersion);
  if (!user) return null;
  // Last use, at most once a minute per token (not a write per request).
  const now = Date.now();
  if (!row.lastUsedAt || now - row.lastUsedAt.getTime() > TOUCH_AFTER_MS) {
    await db.apiToken.updateMany({
      where: { id: row.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(now - TOUCH_AFTER_MS) } }] },
      data: { lastUsedAt: new Date(now) },
    });
  }
  return user;
}
