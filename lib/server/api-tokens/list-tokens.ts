import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { operation } from "@/lib/server/operation";

export const listTokens = operation({
  permission: "apiToken.manage",
  input: z.object({}).default({}),
  async run() {
    return db.apiToken.findMany({
      orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
      select: {
        id: true,
        name: true,
        prefix: true,
        createdAt: true,
        lastUsedAt: true,
        revokedAt: true,
        user: { select: { username: true, displayName: true } },
      },
    });
  },
});
