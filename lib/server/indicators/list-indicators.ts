import "server-only";
import { AppError } from "@/lib/errors";
import { indicatorListSchema } from "@/lib/schemas/indicator";
import { operation } from "@/lib/server/operation";
import { cachedRollup } from "@/lib/server/rollups/rollup-cache";
import { indicatorFigures } from "./indicator-figures";

// A plan's 主要指标 with values and assessment (the 指标 page, GET /api/v1/indicators, the dashboard).
export const listIndicators = operation({
  permission: "plan.read",
  input: indicatorListSchema,
  async run(_actor, v) {
    // The same for every reader: kept per version of the plans, units and 主要指标 (rollup-cache.ts).
    const found = await cachedRollup(
      `indicators:${v.plan}:${v.year ?? ""}:${v.submitted}`,
      async (tx) => {
        const plan = await tx.plan.findUnique({
          where: { id: v.plan },
          select: { id: true, title: true, periodStart: true, periodEnd: true, archivedAt: true },
        });
        return (
          plan && {
            plan,
            year: v.year ?? null,
            official: !v.submitted,
            indicators: await indicatorFigures(plan.id, { year: v.year, submitted: v.submitted }, tx),
          }
        );
      },
      { dependsOn: "indicators" },
    );
    if (!found) throw new AppError("NOT_FOUND", "找不到该规划。");
    return found;
  },
});
