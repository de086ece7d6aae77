import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { indicatorListSchema } from "@/lib/schemas/indicator";
import { operation } from "@/lib/server/operation";
import { indicatorFigures } from "./indicator-figures";

// A plan's 主要指标 with values and assessment (the 指标 page, GET /api/v1/indicators, the dashboard).
export const listIndicators = operation({
  permission: "plan.read",
  input: indicatorListSchema,
  async run(_actor, v) {
    const plan = await db.plan.findUnique({ where: { id: v.plan }, select: { id: true, title: true, periodStart: true, periodEnd: true, archivedAt: true } });
    if (!plan) throw new AppError("NOT_FOUND", "找不到该规划。");
    return { plan, year: v.year ?? null, official: !v.submitted, indicators: await indicatorFigures(plan.id, { year: v.year, submitted: v.submitted }) };
  },
});
