import { annualPlanState } from "@/lib/annual-plan";
import { outsideBuildPeriod, reportFormDefaults } from "@/lib/reports";
import { BackToProject, Forbidden } from "@/components/forbidden";
import { ReportForm } from "./report-form";
import { ReportStatus } from "@/components/report-status";
import { currentPeriod, isPeriod, periodLabel, periodYear } from "@/lib/periods";
import { db } from "@/lib/db";
import { can } from "@/lib/server/auth/authorize";
import { requireUser } from "@/lib/server/auth/current-user";
import { getProject } from "@/lib/server/projects/get-project";
import { idParam, orNotFound } from "@/lib/ui/or-not-found";


export default async function ReportPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ period?: string }> }) {
  const id = idParam((await params).id);
  const user = await requireUser();
  const p = await orNotFound(getProject(id));
  if (!(await can(user, "report.write", { project: id }))) return <Forbidden projectId={id} />;
  const requested = (await searchParams).period;
  const period = requested && isPeriod(requested, p.plan.reportingCycle) ? requested : currentPeriod(p.plan.reportingCycle);
  const [current, annual] = await Promise.all([
    db.progressReport.findFirst({ where: { projectId: id, period, isCurrent: true } }),
    db.annualPlanAmount.findUnique({ where: { projectId_year: { projectId: id, year: periodYear(period) } } }),
  ]);
  const year = periodYear(period);
  const outside = outsideBuildPeriod(p, period);
  return (
    <>
      <BackToProject id={id} name={p.name} />
      <h1 className="mt-1 flex items-center gap-3 text-xl font-semibold">
        调度报告 · {periodLabel(period)} <ReportStatus status={current?.status} />
      </h1>
      {current?.status === "RETURNED" && <p className="mt-2 rounded bg-red-50 px-3 py-2 text-sm text-red-800">退回意见：{current.reviewComment}</p>}
      {current?.status === "SUBMITTED" && <p className="mt-2 rounded bg-sky-50 px-3 py-2 text-sm text-sky-900">本期报告已提交、正在审核，审核前不能修改。</p>}
      <ReportForm
        locked={current?.status === "SUBMITTED"}
        needsCorrectionReason={current?.status === "APPROVED"}
        outsideBuildPeriod={outside}
        annualPlanNote={`${year} 年：${annualPlanState(annual)}。填写的年度计划随本报告提交审核，审核通过后计入正式统计。`}
        defaults={reportFormDefaults(id, period, current, annual)}
      />
    </>
  );
}
