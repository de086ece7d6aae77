import "server-only";
import { cache } from "react";
import { cookies } from "next/headers";
import { secureCookies } from "@/lib/auth/public-url";
import { decodeSessionToken, sessionCookieValue } from "@/lib/auth/session-token";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { timed } from "@/lib/server-timing";
import type { RoleName } from "@/lib/permissions";

export type SessionUser = {
  id: number;
  username: string;
  displayName: string;
  role: RoleName;
  unitIds: number[];
  mustChangePassword: boolean;
};

// The signed-in user as the database sees them now: a disabled user, a session issued before a
// password reset, or one signed out (its cookie copied elsewhere) is no longer signed in.
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  // The session cookie, decrypted as next-auth would (lib/auth/session-token.ts), without its handler.
  const session = await timed("session", async () => decodeSessionToken(sessionCookieValue((await cookies()).getAll(), secureCookies())));
  const uid = session?.uid;
  const sv = session?.sv;
  const sid = session?.sid;
  if (typeof uid !== "number" || !uid || typeof sid !== "string" || !sid) return null;
  return timed("user", () => loadSessionUser(uid, typeof sv === "number" ? sv : 0, sid));
});

// loadActiveUser and isSessionRevoked (signed out) in one round trip: every signed-in request pays it.
async function loadSessionUser(id: number, sessionVersion: number, sessionId: string): Promise<SessionUser | null> {
  const [row] = await db.$queryRaw<(Omit<SessionUser, "role"> & { role: RoleName; disabledAt: Date | null; sessionVersion: number; revoked: boolean })[]>`
    SELECT u.id, u.username, u."displayName", u.role::text AS role, u."mustChangePassword", u."disabledAt", u."sessionVersion",
      ARRAY(SELECT uu."unitId" FROM "UserUnit" uu WHERE uu."userId" = u.id ORDER BY uu."unitId") AS "unitIds",
      EXISTS (SELECT 1 FROM "RevokedSession" rs WHERE rs."sessionId" = ${sessionId}) AS revoked
    FROM "User" u WHERE u.id = ${id}`;
  if (!row || row.revoked || row.disabledAt || row.sessionVersion !== sessionVersion) return null;
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role: row.role,
    unitIds: row.unitIds,
    mustChangePassword: row.mustChangePassword,
  };
}

export async function loadActiveUser(id: number, sessionVersion: number): Promise<SessionUser | null> {
  return activeUser(await db.user.findUnique({ where: { id }, select: ACTIVE_USER_SELECT }), sessionVersion);
}

// The columns activeUser needs, for reads that fetch the user along with something else (API tokens).
export const ACTIVE_USER_SELECT = {
  id: true,
  username: true,
  displayName: true,
  role: true,
  mustChangePassword: true,
  disabledAt: true,
  sessionVersion: true,
  units: { select: { unitId: true } },
} as const;

// The session user of a row read with ACTIVE_USER_SELECT: none when disabled or when its sessions
// were ended after the session (or token) was issued.
export function activeUser(user: Prisma.UserGetPayload<{ select: typeof ACTIVE_USER_SELECT }> | null, sessionVersion: number): SessionUser | null {
  if (!user || user.disabledAt || user.sessionVersion !== sessionVersion) return null;
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    unitIds: user.units.map((u) => u.unitId),
    mustChangePassword: user.mustChangePassword,
  };
}

export async function requireUser(): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) throw new AppError("UNAUTHENTICATED", "请先登录。");
  return user;
}
