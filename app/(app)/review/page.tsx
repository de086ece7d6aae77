import Link from "next/link";
import { DecisionTable } from "./decision-table";
import { admitProjectsAction, reviewAnnualPlansAction, reviewChangeRequestsAction, reviewReportsAction } from "./actions";
import { formatDate } from "@/lib/dates";
import { fieldLabel } from "@/lib/i18n/field-labels";
import { formatMoney, UNIT_LABEL } from "@/lib/money";
import { periodLabel } from "@/lib/periods";
import { requireUser } from "@/lib/server/auth/current-user";
import { reviewQueue } from "@/lib/server/reports/review-queue";
import { orForbidden } from "@/lib/ui/or-forbidden";
import { moneyUnit } from "@/lib/ui/money-unit";
import { zhPortfolio } from "@/lib/i18n/zh-CN-portfolio";
import { FUNDING_FIELDS } from "@/lib/schemas/project-entry";
import { sectionName } from "@/lib/sections";
import type { Metadata } from "next";

// Text columns keep a readable width on a phone: the queue then scrolls sideways inside its own box
// (a reviewer compares the columns), the page does not.
const Project = ({ p }: { p: { id: number; name: string; plan: { title: string } } }) => (
  <div className="min-w-36">
    <Link href={`/projects/${p.id}`} className="text-sky-700 hover:underline">
      {p.name}
    </Link>
    <div className="text-xs text-slate-500">{p.plan.title}</div>
  </div>
);

// The reviewer's desk: reports, annual plan proposals, 调整申请 (and 调出 requests) waiting for a
// decision, and for the plan office the projects entered for 入库.
export const metadata: Metadata = { title: "审核" };

export default async function ReviewPage() {
  const [queue, unit] = await Promise.all([orForbidden(reviewQueue(await requireUser(), {})), moneyUnit()]);
  if (!queue.ok) return queue.page;
  // The page-wide unit switch applies here too; a reviewer checks the exact figure, so all stored
  // decimals are shown (4 in 万元 = 8 in 亿元), trimmed.
  const wan = (v: { toString(): string } | null) => formatMoney(v, unit, unit === "yi" ? 8 : 4);
  const { reports, annualPlans, changeRequests, projects } = queue.data;
  const R = zhPortfolio.review;
  return (
    <>
      <h1 className="mb-1 text-xl font-semibold">审核</h1>
      <p className="mb-4 text-sm text-slate-600">审核通过后计入正式统计；退回须填写意见；本人提交的由其他审核人审核。金额单位：{UNIT_LABEL[unit]}。</p>

      <h2 className="mt-2 mb-2 font-semibold">调度报告（{reports.length}）</h2>
      <DecisionTable
        testId="review-table"
        decide={reviewReportsAction}
        empty="没有待审核的报告。"
        headers={["项目", "单位", "期次", "本期完成", "年度计划（申报）", "形象进度", "存在问题", ""]}
        rows={reports.map((r) => ({
          id: r.id,
          version: r.version,
          own: r.own,
          label: `${r.project.name} · ${periodLabel(r.period)}${r.correction ? "（更正）" : r.resubmitted ? "（重新提交）" : ""}`,
          cells: [
            <div key="p">
              <Project p={r.project} />
              {r.correction && (
                <div className="text-xs text-amber-800">
                  更正（第 {r.revision} 版）：{r.correctionReason}
                </div>
              )}
              {r.resubmitted && <div className="text-xs text-amber-800">重新提交（曾退回：{r.reviewComment}）</div>}
            </div>,
            <span key="u" className="whitespace-nowrap">
              {r.project.unit?.name ?? "—"}
            </span>,
            <span key="t" className="whitespace-nowrap">
              {periodLabel(r.period)}
            </span>,
            <span key="c" className="num">
              {wan(r.completedAmount)}
            </span>,
            r.annualPlan ? (
              <span key="a" className="num">
                {r.annualPlan.year}年 {wan(r.annualPlan.proposed)}
                <span className="block text-xs text-slate-500">现为 {wan(r.annualPlan.official)}</span>
              </span>
            ) : (
              <span key="a" className="text-slate-500">
                —
              </span>
            ),
            <span key="g" className="block min-w-32">
              {[r.progressPercent !== null ? `${r.progressPercent}%` : "", r.progressText].filter(Boolean).join(" ") || "—"}
            </span>,
            <span key="q" className="block min-w-32">
              {r.problems ?? "—"}
            </span>,
            <Link key="v" href={`/reports/${r.id}`} className="whitespace-nowrap text-sky-700 hover:underline" data-testid="open-report">
              查看全部
            </Link>,
          ],
        }))}
      />

      <h2 className="mt-6 mb-2 font-semibold">年度计划投资申报（{annualPlans.length}）</h2>
      <DecisionTable
        testId="annual-plan-table"
        decide={reviewAnnualPlansAction}
        empty="没有单独申报的年度计划。（随调度报告申报的，与报告一并审核。）"
        headers={["项目", "单位", "年度", "申报", "现为"]}
        rows={annualPlans.map((a) => ({
          id: a.id,
          version: a.version,
          own: a.own,
          label: `${a.project.name} · ${a.year} 年度计划 ${wan(a.proposedAmount)} ${UNIT_LABEL[unit]}`,
          cells: [
            <Project key="p" p={a.project} />,
            <span key="u" className="whitespace-nowrap">
              {a.project.unit?.name ?? "—"}
            </span>,
            a.year,
            <span key="n" className="num">
              {wan(a.proposedAmount)}
            </span>,
            <span key="o" className="num">
              {wan(a.amount)}
            </span>,
          ],
        }))}
      />

      <h2 className="mt-6 mb-2 font-semibold">项目调整申请（{changeRequests.length}）</h2>
      <DecisionTable
        testId="change-request-table"
        decide={reviewChangeRequestsAction}
        empty="没有待审核的调整申请。"
        headers={["项目", "单位", "类型", "调整内容", "原因与依据"]}
        rows={changeRequests.map((c) => ({
          id: c.id,
          version: c.version,
          own: c.own,
          label: `${c.project.name} · ${c.kind === "WITHDRAW" ? "调出申请" : "调整申请"} #${c.id}`,
          cells: [
            <Project key="p" p={c.project} />,
            <span key="u" className="whitespace-nowrap">
              {c.project.unit?.name ?? "—"}
            </span>,
            <span key="k" className={`whitespace-nowrap ${c.kind === "WITHDRAW" ? "text-red-700" : ""}`} data-testid="change-kind">
              {R.kind[c.kind]}
            </span>,
            c.kind === "WITHDRAW" && c.effectivePeriod ? (
              <strong key="c" data-testid="change-list">
                {R.withdrawal(periodLabel(c.effectivePeriod))}
              </strong>
            ) : (
              <ul key="c" data-testid="change-list">
                {c.display.map((x) => (
                  <li key={x.field}>
                    {fieldLabel(x.field)}：<span className="text-slate-500 line-through">{x.old ?? "空"}</span> → <strong>{x.new ?? "空"}</strong>
                  </li>
                ))}
              </ul>
            ),
            <span key="r" className="block min-w-32">
              {c.reason}
              {c.docNumber && (
                <span className="block text-xs text-slate-500">
                  批复文号 {c.docNumber}
                  {c.docDate ? `（${formatDate(c.docDate)}）` : ""}
                </span>
              )}
            </span>,
          ],
        }))}
      />

      {projects && (
        <>
          <h2 className="mt-6 mb-2 font-semibold">
            {R.title}（{projects.length}）
          </h2>
          <DecisionTable
            testId="admission-table"
            decide={admitProjectsAction}
            empty={R.empty}
            headers={R.headers}
            rows={projects.map((p) => ({
              id: p.id,
              version: p.version,
              own: p.own,
              label: `${p.name}（${p.unit?.name ?? "—"}）`,
              cells: [
                <div key="p">
                  <Project p={p} />
                  <div className="text-xs text-slate-500">
                    {zhPortfolio.fields.section}：{sectionName(p.section)}
                    {p.parent && ` · 子项目，属于「${p.parent.name}」`}
                    {p.approvalCode && ` · 项目代码 ${p.approvalCode}`}
                  </div>
                </div>,
                <span key="u" className="whitespace-nowrap">
                  {p.unit?.name ?? "—"}
                </span>,
                <span key="n" className="whitespace-nowrap">
                  {p.nature ? zhPortfolio.nature[p.nature] : "—"} · {p.startYear}–{p.endYear}
                </span>,
                p.parent ? (
                  <span key="m" className="text-slate-500">
                    计入打包项目
                  </span>
                ) : (
                  <span key="m" className="num">
                    {wan(p.totalInvestment)}
                    <span className="block text-xs text-slate-500">
                      {FUNDING_FIELDS.filter((f) => p[f] !== null)
                        .map((f) => `${zhPortfolio.funding[f]} ${wan(p[f])}`)
                        .join(" · ")}
                    </span>
                  </span>
                ),
                <span key="s" className="line-clamp-3 whitespace-pre-wrap">
                  {p.scope ?? "—"}
                </span>,
                <span key="e" className="whitespace-nowrap">
                  {p.enteredBy ?? "—"}
                  <span className="block text-xs text-slate-500">{formatDate(p.updatedAt)}</span>
                </span>,
              ],
            }))}
          />
        </>
      )}
    </>
  );
}
