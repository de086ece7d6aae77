import "server-only";
import { db } from "@/lib/db";
import { markNoticesReadSchema } from "@/lib/schemas/reminders";
import { operation } from "@/lib/server/operation";

// The recipient marks their own notices read (the given ones, or all): another user's notice ids change
// nothing. A read receipt on one's own notice, not a change of a record others rely on: not audited
// (the 催报 itself is).
export const markNoticesRead = operation({
  permission: "plan.read",
  input: markNoticesReadSchema,
  async run(actor, { ids }) {
    const { count } = await db.notice.updateMany({
      where: { recipientId: actor.id, readAt: null, ...(ids && { id: { in: ids } }) },
      data: { readAt: new Date() },
    });
    return { count };
  },
});
