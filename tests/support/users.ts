import { db } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/client";
import { loadActiveUser, type SessionUser } from "@/lib/server/auth/current-user";
import { makeUser } from "@/lib/server/seed/factories";

// A signed-in user as the server sees them (what requireUser() returns inside a request).
export async function sessionFor(role: Role, unitIds: number[] = []): Promise<SessionUser> {
  const user = await makeUser(db, { role, unitIds });
  return (await loadActiveUser(user.id, user.sessionVersion))!;
}

export async function expectAppError(promise: Promise<unknown>, code: string) {
  try {
    await promise;
  } catch (e) {
    if ((e as { code?: string }).code === code) return e as { code: string; message: string; fieldErrors?: Record<string, string[]>; details?: unknown };
    throw e;
  }
  throw new Error(`expected ${code}, but the call succeeded`);
}
