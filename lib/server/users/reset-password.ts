import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { passwordResetSchema } from "@/lib/schemas/user";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { hashPassword } from "@/lib/server/auth/password";
import { operation } from "@/lib/server/operation";

// An admin sets a temporary password; the user must change it at next sign-in, and their current
// sessions end.
export const resetPassword = operation({
  permission: "user.manage",
  input: passwordResetSchema,
  async run(actor, v) {
    const passwordHash = await hashPassword(v.password);
    return db.$transaction(async (tx) => {
      const user = await tx.user.findUnique({ where: { id: v.id } });
      if (!user) throw new AppError("NOT_FOUND", "找不到该用户。");
      const updated = await tx.user.update({
        where: { id: v.id },
        data: { passwordHash, mustChangePassword: true, sessionVersion: { increment: 1 }, version: { increment: 1 } },
      });
      await tx.loginThrottle.deleteMany({ where: { key: `user:${user.username.toLowerCase()}` } });
      // The password itself is never written to the audit trail.
      await recordAudit(tx, {
        actorId: actor.id,
        action: "user.resetPassword",
        entityType: "User",
        entityId: v.id,
        entityVersion: updated.version,
        changes: [{ field: "password", old: "******", new: "（已重置）" }],
      });
      return { id: v.id };
    });
  },
});
