import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { operation } from "@/lib/server/operation";

export const listTokens = operation({
  permission: "apiToken.manage",
  input: z.object({}).default({}),
  async run() {
    const rows = await db.apiToken.findMany({
      orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
      select: {
        id: true,
        name: true,
        prefix: true,
        createdAt: true,
        lastUsedAt: true,
        revokedAt: true,
        sessionVersion: true,
        user: { select: { username: true, displayName: true, sessionVersion: true } },
      },
    });
    // Ended with the issuer's sessions (see issue-token.ts): shown as such, not as active.
    return rows.map(({ sessionVersion, ...r }) => ({ ...r, ended: sessionVersion !== r.user.sessionVersion }));
  },
});
