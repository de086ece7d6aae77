import "server-only";
import { db } from "@/lib/db";

// Sessions are stateless JWTs; signing out records the session's id here until the token would have
// expired anyway, so a copied cookie stops working at once (#13.5).
export async function revokeSession(sessionId: unknown, expiresAtS: unknown) {
  if (typeof sessionId !== "string" || !sessionId) return;
  const expiresAt = new Date(typeof expiresAtS === "number" ? expiresAtS * 1000 : Date.now() + 24 * 3600_000);
  await db.$transaction([
    db.revokedSession.deleteMany({ where: { expiresAt: { lt: new Date() } } }),
    db.revokedSession.upsert({ where: { sessionId }, create: { sessionId, expiresAt }, update: {} }),
  ]);
}

export async function isSessionRevoked(sessionId: string): Promise<boolean> {
  return (await db.revokedSession.count({ where: { sessionId } })) > 0;
}
