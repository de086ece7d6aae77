import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { operation } from "@/lib/server/operation";
import { planRollup, planTotals } from "@/lib/server/rollups/plan-rollup";
import { recordId } from "@/lib/schemas/fields";

const id = recordId();

// One plan with its rollups by unit and by section and its totals (its document text apart: large).
export const getPlan = operation({
  permission: "plan.read",
  input: z.object({ id }),
  async run(_actor, v) {
    const plan = await db.plan.findUnique({
      where: { id: v.id },
      omit: { sourceDocument: true, reminderWebhookUrl: true }, // the webhook may carry a key: plan settings only
      include: { region: { select: { name: true } }, _count: { select: { warnings: true } } },
    });
    if (!plan) throw new AppError("NOT_FOUND", "找不到该规划。");
    const [byUnit, bySection, totals, withDocument] = await Promise.all([
      planRollup(v.id, "unit"),
      planRollup(v.id, "section"),
      planTotals(v.id),
      db.plan.count({ where: { id: v.id, sourceDocument: { not: null } } }),
    ]);
    return { plan, hasDocument: withDocument > 0, byUnit, bySection, totals };
  },
});

// The data-quality warnings of a plan's text (as loaded, in source order).
export const getPlanWarnings = operation({
  permission: "plan.read",
  input: z.object({ planId: id }),
  async run(_actor, { planId }) {
    return db.dataWarning.findMany({
      where: { planId },
      orderBy: { id: "asc" },
      include: {
        section: { select: { id: true, number: true, title: true } },
        project: { select: { id: true, name: true, unit: { select: { name: true } } } },
      },
    });
  },
});
