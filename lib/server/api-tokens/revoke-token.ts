import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { apiTokenRevokeSchema } from "@/lib/schemas/api-token";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { operation } from "@/lib/server/operation";

// Revokes a token at once (the next request with it is refused). Revoking twice is a no-op.
export const revokeToken = operation({
  permission: "apiToken.manage",
  input: apiTokenRevokeSchema,
  async run(actor, v) {
    return db.$transaction(async (tx) => {
      const row = await tx.apiToken.findUnique({ where: { id: v.id } });
      if (!row) throw new AppError("NOT_FOUND", "找不到该令牌。");
      if (row.revokedAt) return { id: row.id, revokedAt: row.revokedAt };
      const revokedAt = new Date();
      await tx.apiToken.update({ where: { id: row.id }, data: { revokedAt } });
      await recordAudit(tx, {
        actorId: actor.id,
        action: "apiToken.revoke",
        entityType: "ApiToken",
        entityId: row.id,
        changes: [{ field: "revokedAt", old: null, new: revokedAt.toISOString() }],
      });
      return { id: row.id, revokedAt };
    });
  },
});
