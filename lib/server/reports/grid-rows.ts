import "server-only";
import { editableAnnualPlan } from "@/lib/annual-plan";
import { exactString } from "@/lib/money";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { isPeriod, periodChoices, periodYear } from "@/lib/periods";
import type { SessionUser } from "@/lib/server/auth/current-user";

const wan = (v: { toString(): string } | null | undefined) => exactString(v) ?? "";

// Rows of the fill-in grid: the officer's reportable projects of one plan, with the period's
// current report (if any) prefilled in 万元. No period: the plan's current one.
export async function gridRows(actor: SessionUser, planId: number, requested?: string) {
  const plan = await db.plan.findUnique({ where: { id: planId } });
  if (!plan) throw new AppError("NOT_FOUND", "找不到该规划。");
  if (requested !== undefined && !isPeriod(requested, plan.reportingCycle)) throw new AppError("VALIDATION", "填报期次格式不正确。");
  const { periods, period } = periodChoices(plan, { requested });
  const year = periodYear(period);
  const projects = await db.project.findMany({
    where: { planId, unitId: { in: actor.unitIds }, kind: "PROJECT", parentId: null, deletedAt: null },
    orderBy: { sortOrder: "asc" },
    include: {
      unit: { select: { name: true } },
      reports: { where: { period, isCurrent: true } },
      annualPlans: { where: { year } },
    },
  });
  return {
    plan,
    period,
    periods,
    rows: projects.map((p) => {
      const r = p.reports[0];
      return {
        projectId: p.id,
        name: p.name,
        unit: p.unit?.name ?? "",
        startYear: p.startYear,
        endYear: p.endYear,
        status: r?.status ?? null,
        reviewComment: r?.reviewComment ?? null,
        version: r?.version ?? null,
        annualPlan: editableAnnualPlan(p.annualPlans[0]),
        completedAmount: wan(r?.completedAmount),
        progressPercent: wan(r?.progressPercent),
        progressText: r?.progressText ?? "",
        problems: r?.problems ?? "",
        nextSteps: r?.nextSteps ?? "",
        outOfPeriodReason: r?.outOfPeriodReason ?? "",
      };
    }),
  };
}
export type GridRow = Awaited<ReturnType<typeof gridRows>>["rows"][number];
