import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { passwordChangeSchema } from "@/lib/schemas/user";
import { validate } from "@/lib/schemas/validate";
import { recordAudit } from "@/lib/server/audit/record-audit";
import type { SessionUser } from "@/lib/server/auth/current-user";
import { hashPassword, verifyPassword } from "@/lib/server/auth/password";

// A signed-in user changes their own password. Returns the new session version so the caller
// can keep this session while every other session of the user ends.
export async function changePassword(actor: SessionUser, input: unknown) {
  const v = validate(passwordChangeSchema, input);
  const user = await db.user.findUnique({ where: { id: actor.id } });
  if (!user) throw new AppError("NOT_FOUND", "找不到该用户。");
  if (!(await verifyPassword(user.passwordHash, v.current))) throw new AppError("VALIDATION", "当前密码不正确。", { current: ["当前密码不正确"] });
  const passwordHash = await hashPassword(v.password);
  return db.$transaction(async (tx) => {
    const updated = await tx.user.update({
      where: { id: actor.id },
      data: { passwordHash, mustChangePassword: false, sessionVersion: { increment: 1 }, version: { increment: 1 } },
    });
    await recordAudit(tx, { actorId: actor.id, action: "user.changePassword", entityType: "User", entityId: actor.id, entityVersion: updated.version, changes: [{ field: "password", old: "******", new: "（已修改）" }] });
    return { sessionVersion: updated.sessionVersion };
  });
}
