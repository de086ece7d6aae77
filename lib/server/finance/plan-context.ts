import "server-only";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { isPeriod, periodEndDate, periodOf, periodYear, periodsOfYear, previousPeriod, type Cycle } from "@/lib/periods";
import { cachedRollup } from "@/lib/server/rollups/rollup-cache";

// The plan a finance screen or API call is about, and the reporting period its figures are for.
export type PlanContext = {
  plan: { id: number; key: string; title: string; level: string; periodStart: number; periodEnd: number; reportingCycle: Cycle; regionName: string };
  period: string;
  asOf: string; // last day of the period
  periods: string[]; // choices for the period selector, newest first
};

export async function planContext(planId: number, requested: string | undefined): Promise<PlanContext> {
  // Plans change rarely; the row is kept with the rollups (a Plan write bumps the stamp too).
  const plan = await cachedRollup(`plan:${planId}`, async (client) => {
    const [row] = await client.$queryRaw<PlanContext["plan"][]>(Prisma.sql`
      SELECT p.id, p.key, p.title, p.level::text AS level, p."periodStart", p."periodEnd", p."reportingCycle"::text AS "reportingCycle", r.name AS "regionName"
      FROM "Plan" p JOIN "Region" r ON r.id = p."regionId" WHERE p.id = ${planId}`);
    return row ?? null;
  });
  if (!plan) throw new AppError("NOT_FOUND", "找不到该规划。");
  const cycle = plan.reportingCycle;
  const current = periodOf(new Date(), cycle);
  if (requested !== undefined && (!isPeriod(requested, cycle) || periodYear(requested) < 2000 || periodYear(requested) > 2100)) {
    throw new AppError("VALIDATION", cycle === "MONTHLY" ? "统计期格式应为 年-月，如 2025-03。" : "统计期格式应为 年-Q季度，如 2025-Q1。", { period: ["统计期格式不正确"] });
  }
  const period = requested ?? (await defaultPeriod(plan.id, cycle, plan.periodEnd, current));
  const lastYear = Math.max(periodYear(current), plan.periodEnd, periodYear(period));
  const firstYear = Math.min(plan.periodStart, periodYear(period));
  const periods: string[] = [];
  for (let y = lastYear; y >= firstYear; y--) periods.push(...periodsOfYear(y, cycle).filter((p) => p <= current || p === period).reverse());
  return { plan, period, asOf: periodEndDate(period), periods };
}

// The newest period anyone has reported for (up to today's), else the last closed period, but not
// after the plan's last year when nothing has been reported.
async function defaultPeriod(planId: number, cycle: Cycle, periodEnd: number, current: string): Promise<string> {
  const latest = await cachedRollup(`latest-period:${planId}:${current}`, async (client) => {
    const [row] = await client.$queryRaw<{ period: string | null }[]>(Prisma.sql`
      SELECT max(r.period) AS period FROM "ProgressReport" r JOIN "Project" p ON p.id = r."projectId"
      WHERE p."planId" = ${planId} AND p."deletedAt" IS NULL AND r.period <= ${current}`);
    return row.period;
  });
  if (latest) return latest;
  const closed = previousPeriod(current, cycle);
  const planLast = periodsOfYear(periodEnd, cycle).at(-1)!;
  return closed < planLast ? closed : planLast;
}
