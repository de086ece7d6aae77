import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { noteRenderedFor } from "@/lib/server-timing";
import { operation } from "@/lib/server/operation";

// The signed-in user's own notices (催报), newest first: the unread ones for the banner on 我的项目, or
// the latest 100 for the notices page. Nobody reads another user's notices.
export const listNotices = operation({
  permission: "plan.read",
  input: z.object({ unreadOnly: z.boolean().default(false) }).default({ unreadOnly: false }),
  async run(actor, { unreadOnly }) {
    const where = { recipientId: actor.id, ...(unreadOnly && { readAt: null }) };
    const [notices, unread] = await Promise.all([
      db.notice.findMany({
        where,
        orderBy: { id: "desc" },
        take: 100,
        select: {
          id: true,
          period: true,
          message: true,
          createdAt: true,
          readAt: true,
          plan: { select: { id: true, title: true, reportingCycle: true } },
          unit: { select: { id: true, name: true } },
        },
      }),
      db.notice.count({ where: { recipientId: actor.id, readAt: null } }),
    ]);
    return { notices, unread };
  },
});

// The number on the notices badge of the top bar (every page): one indexed count.
export const countUnreadNotices = operation({
  permission: "plan.read",
  input: z.object({}).default({}),
  async run(actor) {
    const unread = await db.notice.count({ where: { recipientId: actor.id, readAt: null } });
    noteRenderedFor("unread", unread); // the badge of a kept page (lib/page-cache)
    return unread;
  },
});
