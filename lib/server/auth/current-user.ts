import "server-only";
import { cache } from "react";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { secureCookies } from "@/lib/auth/public-url";
import { decodeSessionToken, sessionCookieValue } from "@/lib/auth/session-token";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { noteRenderedFor, timed } from "@/lib/server-timing";
import { rememberRequestStamps, STAMP_COLUMNS, type Stamps } from "@/lib/server/rollups/stamps";
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

// The columns sessionUserOf needs, for the statements that read a user (with their units) in one
// round trip: alias `u` for "User". Every signed-in request and API call pays one of them.
export const SESSION_USER_COLUMNS = Prisma.sql`u.id, u.username, u."displayName", u.role::text AS role, u."mustChangePassword", u."disabledAt",
  u."sessionVersion", ARRAY(SELECT uu."unitId" FROM "UserUnit" uu WHERE uu."userId" = u.id ORDER BY uu."unitId") AS "unitIds"`;
export type SessionUserRow = SessionUser & { disabledAt: Date | null; sessionVersion: number };

// The session user of such a row: none when disabled or when its sessions were ended after the
// session (or token) was issued.
export function sessionUserOf(row: SessionUserRow | undefined, sessionVersion: number): SessionUser | null {
  if (!row || row.disabledAt || row.sessionVersion !== sessionVersion) return null;
  return { id: row.id, username: row.username, displayName: row.displayName, role: row.role, unitIds: row.unitIds, mustChangePassword: row.mustChangePassword };
}

// loadActiveUser and isSessionRevoked (signed out) in one round trip, with the rollup stamps the
// request's cached figures are checked against (lib/server/rollups/stamps.ts): one statement before
// a page's own data.
async function loadSessionUser(id: number, sessionVersion: number, sessionId: string): Promise<SessionUser | null> {
  const { user, row } = await readSession({ id, sessionVersion, sessionId });
  if (row) rememberRequestStamps(row);
  noteRenderedFor("user", user);
  return user;
}

// The statement of loadSessionUser, with `extra` columns (they may read `u` and `s`): a kept page's key
// reads its reader the same way (lib/server/pages/kept-page-key.ts).
export async function readSession<Extra extends object = object>(
  session: { id: number; sessionVersion: number; sessionId: string },
  extra: Prisma.Sql = Prisma.empty,
): Promise<{ user: SessionUser | null; row?: SessionUserRow & Stamps & Extra }> {
  const [row] = await db.$queryRaw<(SessionUserRow & Stamps & Extra & { revoked: boolean })[]>`
    SELECT ${SESSION_USER_COLUMNS}, EXISTS (SELECT 1 FROM "RevokedSession" rs WHERE rs."sessionId" = ${session.sessionId}) AS revoked, ${STAMP_COLUMNS} ${extra}
    FROM "User" u LEFT JOIN "RollupStamp" s ON s.id = 1 WHERE u.id = ${session.id}`;
  return { user: row?.revoked ? null : sessionUserOf(row, session.sessionVersion), row };
}

export async function loadActiveUser(id: number, sessionVersion: number): Promise<SessionUser | null> {
  const [row] = await db.$queryRaw<SessionUserRow[]>`SELECT ${SESSION_USER_COLUMNS} FROM "User" u WHERE u.id = ${id}`;
  return sessionUserOf(row, sessionVersion);
}

// A page's reader. One no longer signed in (signed out elsewhere, disabled, password reset) goes to the
// sign-in page, and one who must change their password to that page, as the (app) layout sends them: a
// page renders alongside its layout, and a refusal thrown here or by its operation would log an
// expected visit as a server error.
export async function requireUser(): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  if (user.mustChangePassword) redirect("/account/password");
  return user;
}

// A server action's caller: refused with a message the form shows (lib/server/action.ts).
export async function requireActionUser(): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) throw new AppError("UNAUTHENTICATED", "请先登录。");
  return user;
}
