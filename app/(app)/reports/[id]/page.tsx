import { PageMoneyUnit } from "@/components/money-unit-switch";
import Link from "next/link";
import { FocusedMessage } from "@/components/focused-message";
import { Money } from "@/components/money";
import { ReportStatus } from "@/components/report-status";
import { fieldLabel } from "@/lib/i18n/field-labels";
import { zhReports } from "@/lib/i18n/zh-CN";
import { formatDateTime } from "@/lib/dates";
import { formatMoney } from "@/lib/money";
import { periodLabel } from "@/lib/periods";
import { can } from "@/lib/server/auth/authorize";
import { requireUser } from "@/lib/server/auth/current-user";
import { getReport, type ReportField, type ReportValues } from "@/lib/server/reports/get-report";
import { projectFigures } from "@/lib/server/rollups/project-figures";
import { moneyUnitForPlan } from "@/lib/ui/money-unit";
import { idParam, orNotFound } from "@/lib/ui/or-not-found";
import { ReportDecision } from "./report-decision";
import { DataTable } from "@/components/data-table";
import { ReportAttachments } from "@/components/attachments/report-attachments";
import type { Metadata } from "next";

const MONEY: ReportField[] = ["completedAmount", "fundsCentral", "fundsProvincial", "fundsLocal", "fundsSpecialBond", "fundsSelf"];
const ROWS: ReportField[] = [...MONEY, "progressPercent", "progressText", "problems", "nextSteps", "outOfPeriodReason"];
const label = (field: string) => fieldLabel(field).replace("（万元）", "");

export const metadata: Metadata = { title: "调度报告审核" };

// A report revision, read-only, for everyone who may read plans; reviewers decide it here.
export default async function ReportPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ decided?: string }> }) {
  const id = idParam((await params).id);
  // Set by the decision form: its message stays once the decided report no longer shows the form.
  const decided = (await searchParams).decided;
  const user = await requireUser();
  const [data, mayReview] = await Promise.all([orNotFound(getReport(user, { id })), can(user, "report.review")]);
  const { report, annual, previous, comparison, people } = data;
  const unit = await moneyUnitForPlan(report.project.plan);
  const p = report.project;
  const pending = report.status === "SUBMITTED" && report.isCurrent;
  // 本年/累计 as they would stand with this report counted (submitted: the 含已报送 view).
  const [figures] = await projectFigures({ planId: p.plan.id, period: report.period, projectIds: [p.id], includeSubmitted: pending });
  const show = (f: ReportField, v: ReportValues) =>
    MONEY.includes(f) ? <Money wan={v[f]} unit={unit} /> : f === "progressPercent" && v[f] !== null ? `${v[f]}%` : (v[f] ?? "—");
  const amount = (wan: string | null) => (wan === null ? "—" : `${formatMoney(wan, unit)} ${unit === "yi" ? "亿元" : "万元"}`);
  return (
    <>
      <PageMoneyUnit unit={unit} />
      <p className="text-sm text-slate-500">
        <Link href={`/projects/${p.id}`} className="hover:underline">
          {p.name}
        </Link>{" "}
        · {p.plan.title}
        {p.unit && ` · ${p.unit.name}`}
      </p>
      <h1 className="mt-1 flex flex-wrap items-center gap-3 text-xl font-semibold" data-testid="report-title">
        调度报告 · {periodLabel(report.period)}
        <span className="text-base font-normal text-slate-600">第 {report.revision} 版</span>
        <ReportStatus status={report.status} />
        {comparison?.kind === "resubmission" && <span className="rounded bg-amber-100 px-1.5 text-xs text-amber-900">重新提交</span>}
        {comparison?.kind === "correction" && <span className="rounded bg-amber-100 px-1.5 text-xs text-amber-900">更正</span>}
        {!report.isCurrent && <span className="rounded bg-slate-100 px-1.5 text-xs text-slate-700">已被新版本取代</span>}
      </h1>
      <p className="mt-1 text-sm text-slate-600">
        填报 {people.createdBy ?? "—"}
        {report.submittedAt && ` · 提交 ${people.submittedBy ?? "—"} ${formatDateTime(report.submittedAt)}`}
        {report.reviewedAt && ` · 审核 ${people.reviewedBy ?? "—"} ${formatDateTime(report.reviewedAt)}`} · 金额单位：{unit === "yi" ? "亿元" : "万元"}
      </p>
      {report.reviewComment && <p className="mt-2 rounded bg-red-50 px-3 py-2 text-sm text-red-800">审核意见：{report.reviewComment}</p>}
      {report.correctionReason && <p className="mt-2 rounded bg-amber-50 px-3 py-2 text-sm text-amber-900">更正原因：{report.correctionReason}</p>}

      {comparison && (
        <section className="mt-4 rounded border border-amber-300 bg-white p-4 shadow-sm" data-testid="report-diff">
          <h2 className="font-semibold">
            与{comparison.against}相比{comparison.changes.length === 0 ? "：没有改动" : `：改动 ${comparison.changes.length} 项`}
          </h2>
          {comparison.changes.length > 0 && (
            <DataTable
              className="mt-2 shadow-none"
              rows={comparison.changes}
              rowKey={(c) => c.field}
              columns={[
                { key: "field", header: "字段", nowrap: true, cell: (c) => label(c.field) },
                {
                  key: "old",
                  header: comparison.kind === "correction" ? "已审核版本" : "退回时",
                  className: "text-slate-600 line-through decoration-slate-400",
                  cell: (c) => show(c.field as ReportField, { [c.field]: c.old } as ReportValues),
                },
                { key: "new", header: "本次", className: "font-medium", cell: (c) => show(c.field as ReportField, { [c.field]: c.new } as ReportValues) },
              ]}
            />
          )}
        </section>
      )}

      <section className="mt-4 grid gap-4 lg:grid-cols-[2fr_1fr]">
        <DataTable
          testId="report-fields"
          rows={ROWS}
          rowKey={(f) => f}
          columns={[
            { key: "field", header: "字段", nowrap: true, className: "text-slate-600", cell: (f) => label(f) },
            { key: "this", header: "本报告", cell: (f) => show(f, report.values) },
            {
              key: "previous",
              header: `上期已审核${previous ? `（${periodLabel(previous.period)}）` : ""}`,
              className: "text-slate-600",
              cell: (f) => (previous ? show(f, previous.values) : "—"),
            },
          ]}
        />
        <dl className="space-y-2 rounded bg-white p-4 text-sm shadow-sm" data-testid="report-context">
          <div>
            <dt className="text-slate-600">{report.year} 年度计划投资</dt>
            <dd>
              已审核 {amount(annual?.official ?? null)}
              {annual?.proposed !== null && annual?.proposed !== undefined && (
                <span className="ml-1 text-amber-800" data-testid="annual-proposal">
                  · {annual.withThisReport ? "随本报告申报" : "另有申报"} {amount(annual.proposed)}（{zhReports.status[annual.proposalStatus!]}）
                </span>
              )}
            </dd>
          </div>
          <div>
            <dt className="text-slate-600">本年累计完成{pending ? "（含本报告）" : ""}</dt>
            <dd>
              <Money wan={figures?.yearToDateWan ?? null} unit={unit} withUnit />
            </dd>
          </div>
          <div>
            <dt className="text-slate-600">累计完成{pending ? "（含本报告）" : ""}</dt>
            <dd>
              <Money wan={figures?.cumulativeWan ?? null} unit={unit} withUnit />
            </dd>
          </div>
          <div>
            <dt className="text-slate-600">建设周期</dt>
            <dd>{p.startYear ? `${p.startYear}–${p.endYear ?? "?"}` : "—"}</dd>
          </div>
        </dl>
      </section>
      <ReportAttachments report={report} upload={false} />
      {pending && mayReview && report.submittedById !== user.id && <ReportDecision id={report.id} version={report.version} />}
      {pending && mayReview && report.submittedById === user.id && <p className="mt-4 text-sm text-slate-600">本报告由您提交，须由其他审核人审核。</p>}
      {!pending && ((decided === "approved" && report.status === "APPROVED") || (decided === "returned" && report.status === "RETURNED")) && (
        <FocusedMessage
          className="mt-4 rounded bg-green-50 px-3 py-2 text-sm text-green-800 outline-none focus:ring-2 focus:ring-green-700"
          testId="review-message"
        >
          {decided === "approved" ? "已审核通过。" : "已退回。"}
          <Link href="/review" className="ml-2 underline">
            返回审核
          </Link>
        </FocusedMessage>
      )}
    </>
  );
}
