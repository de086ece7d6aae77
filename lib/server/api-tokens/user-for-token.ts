import "server-only";
import { db } from "@/lib/db";
import { SESSION_USER_COLUMNS, sessionUserOf, type SessionUser, type SessionUserRow } from "@/lib/server/auth/current-user";
import { rememberRequestStamps, STAMP_COLUMNS, type Stamps } from "@/lib/server/rollups/stamps";
import { hashToken, TOKEN_PREFIX } from "./token-hash";

const TOUCH_AFTER_MS = 60_000;

// The user a bearer token acts as: its issuer, as the database sees them now. Null for an unknown or
// revoked token, and once the issuer's sessions were ended (password reset, role/unit change, disabled).
export async function userForToken(token: string): Promise<SessionUser | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
  // The token and its issuer in one round trip, with the request's rollup stamps (as for a session).
  const [row] = await db.$queryRaw<
    (SessionUserRow & Stamps & { tokenId: number; revokedAt: Date | null; lastUsedAt: Date | null; tokenSessionVersion: number })[]
  >`
    SELECT t.id AS "tokenId", t."revokedAt", t."lastUsedAt", t."sessionVersion" AS "tokenSessionVersion", ${SESSION_USER_COLUMNS}, ${STAMP_COLUMNS}
    FROM "ApiToken" t JOIN "User" u ON u.id = t."userId" LEFT JOIN "RollupStamp" s ON s.id = 1
    WHERE t."tokenHash" = ${hashToken(token)}`;
  if (row) rememberRequestStamps(row);
  if (!row || row.revokedAt) return null;
  const user = sessionUserOf(row, row.tokenSessionVersion);
  if (!user) return null;
  // Last use, at most once a minute per token (not a write per request).
  const now = Date.now();
  if (!row.lastUsedAt || now - row.lastUsedAt.getTime() > TOUCH_AFTER_MS) {
    await db.apiToken.updateMany({
      where: { id: row.tokenId, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(now - TOUCH_AFTER_MS) } }] },
      data: { lastUsedAt: new Date(now) },
    });
  }
  return user;
}
