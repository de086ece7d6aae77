import "server-only";
import { db } from "@/lib/db";
import { authorize } from "@/lib/server/auth/authorize";
import type { SessionUser } from "@/lib/server/auth/current-user";

export async function listTokens(actor: SessionUser) {
  await authorize(actor, "apiToken.manage");
  return db.apiToken.findMany({
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true, user: { select: { username: true, displayName: true } } },
  });
}
