import { ReviewForm } from "./review-form";
import { authorize } from "@/lib/server/auth/authorize";
import { requireUser } from "@/lib/server/auth/current-user";
import { reviewQueue } from "@/lib/server/reports/review-queue";
import { orForbidden } from "@/lib/ui/or-forbidden";

export default async function ReviewPage() {
  const allowed = await orForbidden(authorize(await requireUser(), "report.review"));
  if (!allowed.ok) return allowed.page;
  const reports = await reviewQueue();
  return (
    <>
      <h1 className="mb-1 text-xl font-semibold">报告审核</h1>
      <p className="mb-3 text-sm text-slate-600">待审核的调度报告（{reports.length}）。审核通过后计入正式统计；退回须填写意见。金额单位：万元。</p>
      {/* Always mounted, so the result message survives the refresh that empties the queue. */}
      <ReviewForm
          reports={reports.map((r) => ({
            id: r.id,
            version: r.version,
            period: r.period,
            revision: r.revision,
            projectId: r.project.id,
            projectName: r.project.name,
            unit: r.project.unit?.name ?? "",
            plan: r.project.plan.title,
            completedWan: r.completedAmount?.toString() ?? null,
            progressPercent: r.progressPercent?.toString() ?? null,
            progressText: r.progressText,
            problems: r.problems,
            correctionReason: r.correctionReason,
          }))}
        />
    </>
  );
}
