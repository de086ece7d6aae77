import "server-only";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { currentPeriod, isPeriod, periodChoices, periodEndDate, periodYear, type Cycle } from "@/lib/periods";
import { cachedRollup } from "@/lib/server/rollups/rollup-cache";

// The plan a finance screen or API call is about, and the reporting period its figures are for.
export type PlanContext = {
  plan: {
    id: number;
    key: string;
    title: string;
    level: string;
    periodStart: number;
    periodEnd: number;
    reportingCycle: Cycle;
    regionName: string;
    moneyUnit: string;
  };
  period: string;
  asOf: string; // last day of the period
  periods: string[]; // choices for the period selector, newest first
};

export async function planContext(planId: number, requested: string | undefined): Promise<PlanContext> {
  // Plans change rarely; the row is kept with the rollups, following the portfolio version (which a
  // Plan write moves; approvals do not).
  const plan = await cachedRollup(
    `plan:${planId}`,
    async (client) => {
      const [row] = await client.$queryRaw<PlanContext["plan"][]>(Prisma.sql`
      SELECT p.id, p.key, p.title, p.level::text AS level, p."periodStart", p."periodEnd", p."reportingCycle"::text AS "reportingCycle", r.name AS "regionName", p."moneyUnit"::text AS "moneyUnit"
      FROM "Plan" p JOIN "Region" r ON r.id = p."regionId" WHERE p.id = ${planId}`);
      return row ?? null;
    },
    { dependsOn: "portfolio" },
  );
  if (!plan) throw new AppError("NOT_FOUND", "找不到该规划。");
  const cycle = plan.reportingCycle;
  const current = currentPeriod(cycle);
  if (requested !== undefined && (!isPeriod(requested, cycle) || periodYear(requested) < 2000 || periodYear(requested) > 2100)) {
    throw new AppError("VALIDATION", cycle === "MONTHLY" ? "统计期格式应为 年-月，如 2025-03。" : "统计期格式应为 年-Q季度，如 2025-Q1。", {
      period: ["统计期格式不正确"],
    });
  }
  // Unless asked, the newest period anyone has reported for (up to the current one), else the current one.
  const { periods, period } = periodChoices(plan, { requested: requested ?? (await latestReported(plan.id, current)) });
  return { plan, period, asOf: periodEndDate(period), periods };
}

async function latestReported(planId: number, current: string): Promise<string | undefined> {
  return cachedRollup(`latest-period:${planId}:${current}`, async (client) => {
    const [row] = await client.$queryRaw<{ period: string | null }[]>(Prisma.sql`
      SELECT max(r.period) AS period FROM "ProgressReport" r JOIN "Project" p ON p.id = r."projectId"
      WHERE p."planId" = ${planId} AND p."deletedAt" IS NULL AND r.period <= ${current}`);
    return row.period ?? undefined;
  });
}
