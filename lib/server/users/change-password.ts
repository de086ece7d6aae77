import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { passwordChangeSchema } from "@/lib/schemas/user";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { hashPassword, verifyPassword } from "@/lib/server/auth/password";
import { operation } from "@/lib/server/operation";

// A signed-in user changes their own password. Every session of the user ends with it, this one
// included: the form signs out and the user signs in again with the new password.
// Every role may ("account.password"), also while a change is due (lib/server/operation.ts).
export const changePassword = operation({
  permission: "account.password",
  input: passwordChangeSchema,
  async run(actor, v) {
    const user = await db.user.findUnique({ where: { id: actor.id } });
    if (!user) throw new AppError("NOT_FOUND", "找不到该用户。");
    if (!(await verifyPassword(user.passwordHash, v.current))) throw new AppError("VALIDATION", "当前密码不正确。", { current: ["当前密码不正确"] });
    const passwordHash = await hashPassword(v.password);
    return db.$transaction(async (tx) => {
      const updated = await tx.user.update({
        where: { id: actor.id },
        data: { passwordHash, mustChangePassword: false, sessionVersion: { increment: 1 }, version: { increment: 1 } },
      });
      await recordAudit(tx, {
        actorId: actor.id,
        action: "user.changePassword",
        entityType: "User",
        entityId: actor.id,
        entityVersion: updated.version,
        changes: [{ field: "password", old: "******", new: "（已修改）" }],
      });
      return { done: true };
    });
  },
});
