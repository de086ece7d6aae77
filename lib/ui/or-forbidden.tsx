import "server-only";
import { forbidden } from "next/navigation";
import { isAppError } from "@/lib/errors";
import { grantOf, type Action } from "@/lib/permissions";
import type { SessionUser } from "@/lib/server/auth/current-user";

// When the domain call says FORBIDDEN the page answers HTTP 403 with the refusal of
// app/(app)/forbidden.tsx (worded for the role that asked). `ok` is always true: the shape is kept so
// that pages read `.data` as before (`if (!x.ok) return x.page` never runs).
export async function orForbidden<T>(promise: Promise<T>, _projectId?: number): Promise<{ ok: true; data: T; page?: never }> {
  try {
    return { ok: true, data: await promise };
  } catch (e) {
    if (isAppError(e) && e.code === "FORBIDDEN") forbidden();
    throw e;
  }
}

// A page only some roles open at all (checked before anything is read or explained): 403 for the rest.
export function requireGrant(user: SessionUser, action: Action): void {
  if (!grantOf(user.role, action)) forbidden();
}
