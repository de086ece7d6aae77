import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { RoleName } from "@/lib/permissions";
import { isSessionRevoked } from "./revoked-sessions";

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
  const session = (await getServerSession(authOptions)) as { uid?: number; sv?: number; sid?: string } | null;
  if (!session?.uid || !session.sid) return null;
  const [user, revoked] = await Promise.all([loadActiveUser(session.uid, session.sv ?? 0), isSessionRevoked(session.sid)]);
  return revoked ? null : user;
});

export async function loadActiveUser(id: number, sessionVersion: number): Promise<SessionUser | null> {
  const user = await db.user.findUnique({ where: { id }, include: { units: { select: { unitId: true } } } });
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
