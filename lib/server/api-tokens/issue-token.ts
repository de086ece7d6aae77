import "server-only";
import { db } from "@/lib/db";
import { apiTokenIssueSchema } from "@/lib/schemas/api-token";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { operation } from "@/lib/server/operation";
import { newToken } from "./token-hash";

// Issues a token that acts as the issuing admin (same role and units, checked at every use). It lives
// as long as the issuer's current sessions: a password change or reset, a role or unit change, or
// disabling the issuer ends it (ApiToken.sessionVersion).
// The plain token is returned once, here; only its hash is stored.
export const issueToken = operation({
  permission: "apiToken.manage",
  input: apiTokenIssueSchema,
  async run(actor, v) {
    const { token, hash, prefix } = newToken();
    return db.$transaction(async (tx) => {
      const { sessionVersion } = await tx.user.findUniqueOrThrow({ where: { id: actor.id }, select: { sessionVersion: true } });
      const row = await tx.apiToken.create({ data: { userId: actor.id, name: v.name, tokenHash: hash, prefix, sessionVersion } });
      await recordAudit(tx, {
        actorId: actor.id,
        action: "apiToken.issue",
        entityType: "ApiToken",
        entityId: row.id,
        changes: [
          { field: "name", old: null, new: row.name },
          { field: "prefix", old: null, new: row.prefix },
        ],
      });
      return { id: row.id, name: row.name, prefix: row.prefix, token };
    });
  },
});
