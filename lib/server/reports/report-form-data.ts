import "server-only";
import { z } from "zod";
import { annualPlanState } from "@/lib/annual-plan";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { currentPeriod, isPeriod, periodYear } from "@/lib/periods";
import { outsideBuildPeriod, reportFormDefaults } from "@/lib/reports";
import { authorize } from "@/lib/server/auth/authorize";
import { operation } from "@/lib/server/operation";
import { optionalPeriod, recordId } from "@/lib/schemas/fields";

// What the report form of one project and period starts from (its page): the period's current
// report, the annual plan with its state, whether the period is outside the build period.
export const reportFormData = operation({
  permission: "report.write",
  input: z.object({ projectId: recordId(), period: optionalPeriod() }),
  async run(actor, v) {
    await authorize(actor, "report.write", { project: v.projectId });
    const project = await db.project.findFirst({
      where: { id: v.projectId, deletedAt: null },
      select: { id: true, name: true, startYear: true, endYear: true, plan: { select: { reportingCycle: true } } },
    });
    if (!project) throw new AppError("NOT_FOUND", "找不到该项目。");
    const cycle = project.plan.reportingCycle;
    const period = v.period && isPeriod(v.period, cycle) ? v.period : currentPeriod(cycle);
    const year = periodYear(period);
    const [current, annual] = await Promise.all([
      db.progressReport.findFirst({ where: { projectId: project.id, period, isCurrent: true } }),
      db.annualPlanAmount.findUnique({ where: { projectId_year: { projectId: project.id, year } } }),
    ]);
    return {
      project,
      period,
      year,
      current,
      outside: outsideBuildPeriod(project, period),
      annualNote: `${year} 年：${annualPlanState(annual)}。填写的年度计划随本报告提交审核，审核通过后计入正式统计。`,
      defaults: reportFormDefaults(project.id, period, current, annual),
    };
  },
});
