import Link from "next/link";
import { BackToProject } from "@/components/forbidden";
import { ReportStatus } from "@/components/report-status";
import { periodLabel } from "@/lib/periods";
import { requireUser } from "@/lib/server/auth/current-user";
import { reportFormData } from "@/lib/server/reports/report-form-data";
import { orForbidden } from "@/lib/ui/or-forbidden";
import { chosenMoneyUnit } from "@/lib/ui/money-unit";
import { PageMoneyUnit } from "@/components/money-unit-switch";
import { idParam, orNotFound } from "@/lib/ui/or-not-found";
import { ReportForm } from "./report-form";
import { ReportAttachments } from "@/components/attachments/report-attachments";
import { projectPageTitle } from "@/lib/ui/page-title";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  return projectPageTitle((await params).id, "调度报告");
}

export default async function ReportPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ period?: string }> }) {
  const id = idParam((await params).id);
  const loaded = await orForbidden(
    orNotFound(reportFormData(await requireUser(), { projectId: id, period: (await searchParams).period, moneyUnit: await chosenMoneyUnit() })),
    id,
  );
  if (!loaded.ok) return loaded.page;
  const { project, period, periodProblem, current, outside, annualNote, defaults } = loaded.data;
  // A period that cannot be reported is said on opening, instead of the form (not after it is filled in).
  if (periodProblem)
    return (
      <>
        <BackToProject id={id} name={project.name} />
        <h1 className="mt-1 text-xl font-semibold">调度报告</h1>
        <p role="alert" className="mt-3 rounded bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="period-problem">
          {periodProblem}
        </p>
        <p className="mt-3 text-sm">
          <Link href={`/projects/${id}/report`} className="text-sky-800 underline">
            填报当前期次
          </Link>
        </p>
      </>
    );
  return (
    <>
      <PageMoneyUnit unit={defaults.moneyUnit} />
      <BackToProject id={id} name={project.name} />
      <h1 className="mt-1 flex flex-wrap items-center gap-x-3 text-xl font-semibold">
        调度报告 · {periodLabel(period)} <ReportStatus status={current?.status} />
      </h1>
      {current?.status === "RETURNED" && <p className="mt-2 rounded bg-red-50 px-3 py-2 text-sm text-red-800">退回意见：{current.reviewComment}</p>}
      {current?.status === "SUBMITTED" && <p className="mt-2 rounded bg-sky-50 px-3 py-2 text-sm text-sky-900">本期报告已提交、正在审核，审核前不能修改。</p>}
      {/* Keyed by unit: the page-wide switch (which asks first when there are unsaved changes) reloads
          the figures in the new unit. */}
      <ReportForm
        key={defaults.moneyUnit}
        locked={current?.status === "SUBMITTED"}
        needsCorrectionReason={current?.status === "APPROVED"}
        outsideBuildPeriod={outside}
        annualPlanNote={annualNote}
        defaults={defaults}
      />
      <ReportAttachments report={current} upload />
    </>
  );
}
