import "server-only";
import { z } from "zod";
import { annualPlanState } from "@/lib/annual-plan";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { currentPeriod, isPeriod, periodLabel, periodYear, type Cycle } from "@/lib/periods";
import { outsideBuildPeriod, reportFormDefaults } from "@/lib/reports";
import { authorize } from "@/lib/server/auth/authorize";
import { operation } from "@/lib/server/operation";
import { optionalPeriod, recordId } from "@/lib/schemas/fields";
import { moneyUnitSchema } from "@/lib/schemas/money";
import { planMoneyUnit } from "@/lib/ui/money-unit";

// What the report form of one project and period starts from (its page): the period's current
// report, the annual plan with its state, whether the period is outside the build period, and why the
// period cannot be reported (periodProblem: in the future, before the plan, not in the plan's cycle,
// after the project left the plan) — said when the page opens, instead of after the form is filled in.
export const reportFormData = operation({
  permission: "report.write",
  // moneyUnit: the reader's chosen unit, if any; else the plan's.
  input: z.object({ projectId: recordId(), period: optionalPeriod(), moneyUnit: moneyUnitSchema.optional() }),
  async run(actor, v) {
    await authorize(actor, "report.write", { project: v.projectId });
    const project = await db.project.findFirst({
      where: { id: v.projectId, deletedAt: null },
      select: {
        id: true,
        name: true,
        startYear: true,
        endYear: true,
        endPeriod: true,
        plan: { select: { reportingCycle: true, periodStart: true, moneyUnit: true } },
      },
    });
    if (!project) throw new AppError("NOT_FOUND", "找不到该项目。");
    const cycle = project.plan.reportingCycle;
    const period = v.period && isPeriod(v.period, cycle) ? v.period : currentPeriod(cycle);
    const periodProblem = reportPeriodProblem(v.period, cycle, project.plan.periodStart, project.endPeriod);
    const year = periodYear(period);
    const [current, annual] = await Promise.all([
      db.progressReport.findFirst({ where: { projectId: project.id, period, isCurrent: true } }),
      db.annualPlanAmount.findUnique({ where: { projectId_year: { projectId: project.id, year } } }),
    ]);
    return {
      project,
      period,
      periodProblem,
      year,
      current,
      outside: outsideBuildPeriod(project, period),
      annualNote: `${year} 年：${annualPlanState(annual)}。填写的年度计划随本报告提交审核，审核通过后计入正式统计。`,
      defaults: reportFormDefaults(project.id, period, current, annual, v.moneyUnit ?? planMoneyUnit(project.plan)),
    };
  },
});

// Why a requested period cannot be reported for this project, or null (none requested: the current one).
export function reportPeriodProblem(requested: string | undefined, cycle: Cycle, planStart: number, endPeriod: string | null, now = new Date()): string | null {
  if (requested === undefined) return null;
  const current = currentPeriod(cycle, now);
  if (!isPeriod(requested, cycle))
    return `期次“${requested}”不是本规划的填报周期：本规划${cycle === "MONTHLY" ? "按月填报，期次如 2025-03" : "按季度填报，期次如 2025-Q1"}。`;
  if (requested > current) return `不能填报未来的期次（${periodLabel(requested)}）：当前最晚可填报${periodLabel(current)}。`;
  if (periodYear(requested) < planStart) return `${periodLabel(requested)}早于本规划的起始年份（${planStart} 年），不能填报。`;
  if (endPeriod !== null && requested >= endPeriod)
    return `该项目自${periodLabel(endPeriod)}起已不在本规划（调出或转入续建），不能填报${periodLabel(requested)}的报告。`;
  return null;
}
