import { PageMoneyUnit } from "@/components/money-unit-switch";
import { sectionName } from "@/lib/sections";
import Link from "next/link";
import { Money } from "@/components/money";
import { zh } from "@/lib/i18n/zh-CN";
import { AuditTable } from "@/components/audit-table";
import { projectHistory } from "@/lib/server/audit/list-audit";
import { can } from "@/lib/server/auth/authorize";
import { requireUser } from "@/lib/server/auth/current-user";
import { getProject } from "@/lib/server/projects/get-project";
import { MilestoneList, ReportHistory } from "@/components/project-progress";
import { pastBuildPeriod } from "@/lib/milestones";
import { rate, scheduleGap, schedulePercent } from "@/lib/rates";
import { periodLabel, periodOf, yearShareAtEnd } from "@/lib/periods";
import { projectFigures } from "@/lib/server/rollups/project-figures";
import { annualPlans, projectMilestones, projectReports } from "@/lib/server/reports/project-reports";
import { openChangeRequest } from "@/lib/server/projects/change-requests";
import { fieldLabel } from "@/lib/i18n/field-labels";
import { chinaYear } from "@/lib/dates";
import { ReportStatus } from "@/components/report-status";
import { AnnualPlanForm } from "./annual-plan-form";
import { DataTable } from "@/components/data-table";
import { moneyUnitForPlan } from "@/lib/ui/money-unit";
import { idParam, orNotFound } from "@/lib/ui/or-not-found";
import { zhPortfolio } from "@/lib/i18n/zh-CN-portfolio";
import { formatDate } from "@/lib/dates";
import { exactString, UNIT_LABEL } from "@/lib/money";
import { FUNDING_FIELDS, fundingMismatch } from "@/lib/schemas/project-entry";
import { projectPageTitle } from "@/lib/ui/page-title";
import { FlashNotice } from "@/components/flash-notice";
import { ProjectAttachmentsSection } from "@/components/attachments/project-attachments-section";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  return projectPageTitle((await params).id);
}

export default async function ProjectPage({ params }: { params: Promise<{ id: string }> }) {
  const id = idParam((await params).id);
  const user = await requireUser();
  const of = { projectId: id };
  const [p, history] = await Promise.all([orNotFound(getProject(user, { id })), projectHistory(user, of)]);
  const unit = await moneyUnitForPlan(p.plan);
  const [canEdit, canRequest, canMilestones, canReport, canSetAnnual, milestones, reports, annuals, openRequest, canEnter, canReadLog] = await Promise.all([
    can(user, "project.update", { project: id }),
    can(user, "project.requestChange", { project: id }),
    can(user, "milestone.write", { project: id }),
    can(user, "report.write", { project: id }),
    can(user, "annualPlan.set"),
    projectMilestones(user, of),
    projectReports(user, of),
    annualPlans(user, of),
    openChangeRequest(user, of),
    can(user, "project.create", { project: id }),
    can(user, "audit.readAll"),
  ]);
  const today = new Date();
  const year = chinaYear(today);
  const cycle = p.plan.reportingCycle;
  const period = periodOf(today, cycle);
  const reportable = p.kind === "PROJECT" && p.parent === null;
  // 入库 and 调出: a project not admitted yet is edited through its entry form; an admitted one leaves
  // the plan only by a reviewed 调出 request (from endPeriod on it no longer counts).
  const admitted = p.admission === "ADMITTED";
  const withdrawnNow = p.endPeriod !== null && p.endPeriod <= period;
  const funding = Object.fromEntries(FUNDING_FIELDS.map((f) => [f, exactString(p[f]) ?? ""]));
  const fundingWarning = fundingMismatch({ totalInvestment: exactString(p.totalInvestment) ?? "", moneyUnit: "wan", ...funding });
  const [figures] = reportable ? await projectFigures({ planId: p.plan.id, period, projectIds: [id] }) : [];
  // 序时进度, with the dashboard's formulas (lib/rates.ts).
  const done = figures ? rate(figures.yearToDateWan, figures.annualPlanWan) : null;
  const schedule = schedulePercent(yearShareAtEnd(period, cycle));
  const pace = done === null ? null : { donePct: done, targetPct: schedule, gapPts: scheduleGap(done, schedule)! };
  const fields: [string, React.ReactNode][] = [
    [
      "规划",
      <Link key="plan" href={`/plans/${p.plan.id}`} className="text-sky-700 hover:underline">
        {p.plan.title}
      </Link>,
    ],
    [zh.project.unit, p.unit ? `${p.unit.name}${p.unit.region ? `（${p.unit.region.name}）` : ""}` : "—（规划层面）"],
    [zh.project.section, sectionName(p.section)],
    [zh.project.kind, zh.projectKind[p.kind]],
    [zh.project.owner, p.owner ?? "—（原文未写明）"],
    [zh.project.period, p.startYear ? `${p.startYear}–${p.endYear ?? "?"}` : "—（原文未写明）"],
    [zh.project.total, p.parent ? <span className="text-slate-500">{zh.project.childNote}</span> : <Money wan={p.totalInvestment} unit={unit} withUnit />],
    [zh.project.status, zh.status[p.status]],
    [zhPortfolio.fields.nature, p.nature ? zhPortfolio.nature[p.nature] : "—"],
    [zhPortfolio.fields.approvalCode, p.approvalCode ?? "—"],
  ];
  if (!p.parent && FUNDING_FIELDS.some((f) => p[f] !== null)) {
    fields.push([
      zhPortfolio.funding.title,
      <span key="funding" data-testid="funding-plan">
        {FUNDING_FIELDS.filter((f) => p[f] !== null).map((f, i) => (
          <span key={f}>
            {i > 0 && " · "}
            {zhPortfolio.funding[f]} <Money wan={p[f]} unit={unit} withUnit />
          </span>
        ))}
        {fundingWarning && <span className="block text-xs text-amber-800">{fundingWarning}</span>}
      </span>,
    ]);
  }
  // Every money table's heading names its unit (the unit switch does not print).
  const unitCaption = `${zh.money.unit}：${UNIT_LABEL[unit]}`;
  return (
    <>
      <PageMoneyUnit unit={unit} />
      <p className="text-sm text-slate-500 print:hidden">
        <Link href={`/projects?plan=${p.plan.id}${p.unit ? `&unit=${p.unit.id}` : ""}`} className="hover:underline">
          {zh.project.list}
        </Link>
      </p>
      <FlashNotice />
      <div className="mt-1 flex flex-wrap items-start gap-x-4 gap-y-2">
        <h1 className="text-xl font-semibold" data-testid="project-name">
          {p.name}
        </h1>
        <div className="ml-auto flex shrink-0 gap-2 print:hidden">
          {admitted && !p.endPeriod && (canEdit || canRequest) && !openRequest && (
            <Link
              href={`/projects/${p.id}/withdraw`}
              className="shrink-0 rounded px-3 py-1 text-sm text-red-700 ring-1 ring-red-300 hover:bg-red-50"
              data-testid="withdraw-project"
            >
              {zhPortfolio.withdraw.link}
            </Link>
          )}
          {!admitted && canEnter && (
            <Link
              href={`/projects/${p.id}/entry`}
              className="shrink-0 rounded bg-sky-700 px-3 py-1 text-sm text-white hover:bg-sky-800"
              data-testid="edit-entry"
            >
              {p.admission === "RETURNED" ? zhPortfolio.entryEdit.resubmitLink : zhPortfolio.entryEdit.link}
            </Link>
          )}
          {admitted && (canEdit || canRequest) && (
            <Link
              href={`/projects/${p.id}/edit`}
              className="shrink-0 rounded bg-sky-700 px-3 py-1 text-sm text-white hover:bg-sky-800"
              data-testid="edit-project"
            >
              {canEdit ? "编辑" : "申请调整"}
            </Link>
          )}
        </div>
      </div>
      {p.admission !== "ADMITTED" && (
        <p
          className={`mt-3 rounded border px-3 py-2 text-sm ${p.admission === "RETURNED" ? "border-red-200 bg-red-50 text-red-800" : "border-sky-200 bg-sky-50 text-sky-900"}`}
          data-testid="admission-banner"
        >
          {p.admission === "RETURNED" ? zhPortfolio.banner.RETURNED(p.admissionComment) : zhPortfolio.banner.PROPOSED}
        </p>
      )}
      {p.endPeriod && !p.successor && (
        <p className="mt-3 rounded border border-slate-300 bg-slate-100 px-3 py-2 text-sm text-slate-800" data-testid="withdrawn-banner">
          {zhPortfolio.banner.withdrawn(periodLabel(p.endPeriod))}。{zhPortfolio.banner.withdrawnNote}
        </p>
      )}
      {openRequest && (
        <div className="mt-3 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="pending-change-request">
          <p>
            {openRequest.kind === "WITHDRAW" && openRequest.effectivePeriod
              ? zhPortfolio.withdraw.pending(openRequest.id, periodLabel(openRequest.effectivePeriod))
              : `待审核的调整申请 #${openRequest.id}（审核通过前，正式统计仍按下列原数据）：${openRequest.display.map((c) => `${fieldLabel(c.field)} ${c.old ?? "空"} → ${c.new ?? "空"}`).join("；")}`}
          </p>
          <p className="text-xs">
            原因：{openRequest.reason}
            {openRequest.docNumber && ` · 批复文号 ${openRequest.docNumber}`}
          </p>
        </div>
      )}
      {p.warnings.length > 0 && (
        <ul className="mt-3 space-y-1" data-testid="project-warnings">
          {p.warnings.map((w) => (
            <li key={w.id} className="rounded border border-amber-200 bg-amber-50 px-3 py-1.5 text-sm text-amber-900">
              ⚠ {w.message}
            </li>
          ))}
        </ul>
      )}
      <dl className="mt-4 grid grid-cols-1 gap-x-6 gap-y-2 rounded bg-white p-4 text-sm shadow-sm md:grid-cols-2">
        {fields.map(([k, v]) => (
          <div key={k} className="flex gap-3 border-b border-slate-100 py-1">
            <dt className="w-24 shrink-0 text-slate-500">{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      {p.parent && (
        <p className="mt-3 text-sm">
          {zh.project.parent}：
          <Link href={`/projects/${p.parent.id}`} className="text-sky-700 hover:underline">
            {p.parent.name}
          </Link>
          （总投资 <Money wan={p.parent.totalInvestment} unit={unit} withUnit />）
        </p>
      )}
      {p.children.length > 0 && (
        <section className="mt-4">
          <h2 className="font-semibold">
            {zh.project.children}（{p.children.length}）
          </h2>
          <p className="text-sm text-slate-500">{zh.project.bundledNote}</p>
          <ol className="mt-1 list-decimal pl-6 text-sm">
            {p.children.map((c) => (
              <li key={c.id}>
                <Link href={`/projects/${c.id}`} className="text-sky-700 hover:underline">
                  {c.name}
                </Link>
              </li>
            ))}
          </ol>
        </section>
      )}
      {p.scope && (
        <section className="mt-3 rounded bg-white p-4 text-sm shadow-sm" data-testid="project-scope">
          <h2 className="mb-1 text-slate-500">{zhPortfolio.fields.scope}</h2>
          <p className="whitespace-pre-wrap">{p.scope}</p>
        </section>
      )}
      {pastBuildPeriod(p, today) && (
        <p className="mt-3 rounded border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="past-build-period">
          建设期已于 {p.endYear} 年结束，项目尚未竣工。
        </p>
      )}
      {reportable && p.plan.hasProjectList && (
        <section className="mt-6">
          <div className="mb-2 flex flex-wrap items-center gap-x-4 gap-y-1">
            <h2 className="font-semibold">
              调度报告 <span className="text-sm font-normal text-slate-600">{unitCaption}</span>
            </h2>
            {figures && (
              <span className="text-sm text-slate-600" data-testid="project-figures">
                累计完成（已审核）
                <Money wan={figures.cumulativeWan} unit={unit} withUnit /> · {year} 年计划（已审核） <Money wan={figures.annualPlanWan} unit={unit} withUnit />{" "}
                · 本年完成 <Money wan={figures.yearToDateWan} unit={unit} withUnit />
                {pace ? (
                  <span
                    title="序时进度 = 本年累计完成 ÷ 年度计划投资，与时间进度（已过月份 ÷ 12）比较"
                    className={Number(pace.gapPts) < 0 ? "text-red-700" : "text-green-700"}
                  >
                    {" "}
                    · 序时进度 {pace.donePct}%（时间进度 {pace.targetPct}%，{Number(pace.gapPts) < 0 ? "落后" : "超前"} {pace.gapPts.replace("-", "")}{" "}
                    个百分点）
                  </span>
                ) : (
                  " · 序时进度 —（未填年度计划）"
                )}
              </span>
            )}
            {canReport && !admitted && (
              <span className="ml-auto text-sm text-slate-500" data-testid="report-after-admission">
                {zhPortfolio.create.reportAfterAdmission}
              </span>
            )}
            {canReport && admitted && !withdrawnNow && (
              <Link
                href={`/projects/${p.id}/report?period=${period}`}
                className="ml-auto shrink-0 rounded bg-sky-700 px-3 py-1 text-sm text-white hover:bg-sky-800 print:hidden"
                data-testid="file-report"
              >
                填报{periodLabel(period)}
              </Link>
            )}
          </div>
          <ReportHistory reports={reports} unit={unit} />
        </section>
      )}
      {reportable && p.plan.hasProjectList && (
        <section className="mt-6" data-testid="annual-plans">
          <h2 className="mb-2 font-semibold">
            年度计划投资 <span className="text-sm font-normal text-slate-600">{unitCaption}</span>
          </h2>
          <DataTable
            className="max-w-2xl"
            rows={annuals}
            rowKey={(a) => a.id}
            empty="尚无年度计划投资。"
            columns={[
              { key: "year", header: "年度", cell: (a) => a.year },
              { key: "official", header: "已审核（正式）", numeric: true, cell: (a) => <Money wan={a.amount} unit={unit} withUnit /> },
              {
                key: "proposal",
                header: "申报",
                cell: (a) =>
                  a.proposalStatus ? (
                    <>
                      <Money wan={a.proposedAmount} unit={unit} withUnit /> <ReportStatus status={a.proposalStatus} />
                      {a.reviewComment && <span className="ml-1 text-xs text-red-700">{a.reviewComment}</span>}
                    </>
                  ) : (
                    "—"
                  ),
              },
            ]}
          />
          {admitted && (canSetAnnual || canReport) && <AnnualPlanForm projectId={p.id} year={year} mode={canSetAnnual ? "set" : "propose"} />}
        </section>
      )}
      {p.successor && (
        <p className="mt-3 rounded border border-sky-200 bg-sky-50 px-3 py-2 text-sm text-sky-900" data-testid="carried-on">
          已自{periodLabel(p.successor.cutoverPeriod ?? "")}起转入
          <Link href={`/projects/${p.successor.id}`} className="mx-1 underline">
            {p.successor.plan.title}
          </Link>
          续建；此前各期的数据仍属本规划。
        </p>
      )}
      {p.predecessor && p.predecessor.milestones.length > 0 && (
        <p className="mt-3 text-sm text-slate-600" data-testid="predecessor-milestones">
          原规划已完成的节点：{p.predecessor.milestones.map((m) => `${m.name}（${m.actualDate ? formatDate(m.actualDate) : ""}）`).join("、")}
        </p>
      )}
      {p.kind === "PROJECT" && <MilestoneList milestones={milestones} projectId={p.id} canEdit={canMilestones && p.children.length === 0} today={today} />}
      <ProjectAttachmentsSection projectId={p.id} />
      <section className="mt-6 rounded border-l-4 border-sky-700 bg-white p-4 shadow-sm">
        <h2 className="font-semibold">{zh.project.source}</h2>
        {p.sourceKind === "ENTERED" ? (
          <p className="mt-1 text-sm" data-testid="source-entered">
            {zhPortfolio.provenance.entered(p.enteredBy?.displayName ?? zhPortfolio.provenance.unknownUser, formatDate(p.createdAt))}
          </p>
        ) : p.sourceKind === "CARRIED" ? (
          <>
            <p className="mt-1 text-sm" data-testid="source-carried">
              {zhPortfolio.provenance.carried}
              {p.predecessor ? (
                <Link href={`/projects/${p.predecessor.id}`} className="text-sky-700 hover:underline">
                  {p.predecessor.plan.title} · {p.predecessor.name}
                </Link>
              ) : (
                "—"
              )}
              {p.cutoverPeriod && `，自${periodLabel(p.cutoverPeriod)}起计入本规划；此前的完成投资按原规划已审核数据接续累计。`}
            </p>
            {p.predecessor?.sourceText && (
              <blockquote className="mt-2 text-sm leading-relaxed whitespace-pre-wrap text-slate-700" data-testid="source-text">
                《{p.predecessor.plan.title}》 · {zh.project.locator}：{p.predecessor.sourceLocator}
                <br />
                {p.predecessor.sourceText}
              </blockquote>
            )}
          </>
        ) : (
          <>
            <p className="mt-1 text-sm text-slate-600">
              <span title={p.sourceFile ?? undefined}>《{p.plan.title}》</span> · {zh.project.locator}：{p.sourceLocator}
            </p>
            <blockquote className="mt-2 text-sm leading-relaxed whitespace-pre-wrap" data-testid="source-text">
              {p.sourceText}
            </blockquote>
          </>
        )}
      </section>
      <section className="mt-6">
        <h2 className="mb-2 font-semibold">
          {zh.project.history}
          {canReadLog && (
            <Link href={`/admin/audit?project=${id}`} className="ml-3 text-sm font-normal text-sky-700 hover:underline print:hidden">
              在操作日志中查看
            </Link>
          )}
        </h2>
        <AuditTable rows={history.rows} entity="detail" />
      </section>
    </>
  );
}
