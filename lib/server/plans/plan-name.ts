import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { zhPlans } from "@/lib/i18n/zh-CN-plans";
import { recordId } from "@/lib/schemas/fields";
import { operation } from "@/lib/server/operation";

// A plan's title alone (for the browser tab's title of its pages).
export const planName = operation({
  permission: "plan.read",
  input: z.object({ id: recordId() }),
  async run(_actor, v) {
    const plan = await db.plan.findUnique({ where: { id: v.id }, select: { title: true } });
    if (!plan) throw new AppError("NOT_FOUND", zhPlans.errors.planNotFound);
    return plan.title;
  },
});
