import Link from "next/link";
import { ReportStatus } from "@/components/report-status";
import { formatDate } from "@/lib/dates";
import { FLAG_LABEL } from "@/lib/milestones";
import { periodLabel } from "@/lib/periods";
import { grantOf } from "@/lib/permissions";
import { zhPortfolio } from "@/lib/i18n/zh-CN-portfolio";
import { zhReminders } from "@/lib/i18n/zh-CN-reminders";
import { requireUser } from "@/lib/server/auth/current-user";
import { listNotices } from "@/lib/server/notices/list-notices";
import { officerDesk } from "@/lib/server/reports/officer-desk";
import { PeriodForm } from "../finance/period-form";
import { MarkReadButton } from "../notices/mark-read-button";
import type { Metadata } from "next";

const N = zhReminders.notices;
const BANNER_MAX = 5;

export const metadata: Metadata = { title: "我的项目" };

export default async function DeskPage({ searchParams }: { searchParams: Promise<{ period?: string }> }) {
  const user = await requireUser();
  if (user.unitIds.length === 0) {
    return <p className="mt-8 rounded bg-white p-6 shadow-sm">“我的项目”供县级项目专干使用；您的账号没有绑定填报单位。</p>;
  }
  const [{ period, periods, rows, overdue, returned }, { notices, unread }] = await Promise.all([
    officerDesk(user, { period: (await searchParams).period }),
    listNotices(user, { unreadOnly: true }),
  ]);
  const plans = [...new Map(rows.map((r) => [r.plan.id, r])).values()];
  const shown = notices.slice(0, BANNER_MAX);
  return (
    <>
      <h1 className="mb-3 text-xl font-semibold">我的项目</h1>
      {unread > 0 && (
        // 催报 from the reviewers: until the officer marks them read.
        <section className="mb-4 rounded border border-amber-300 bg-amber-50 p-3 text-sm" role="status" data-testid="reminder-banner">
          <div className="flex flex-wrap items-center gap-2">
            <h2 className="font-semibold text-amber-900">{N.banner(unread)}</h2>
            <MarkReadButton ids={shown.map((n) => n.id)} label={N.markRead} testId="reminder-banner-read" />
            {unread > shown.length && (
              <Link href="/notices" className="text-xs text-sky-700 hover:underline">
                {N.all}
              </Link>
            )}
          </div>
          <ul className="mt-1 space-y-1">
            {shown.map((n) => (
              <li key={n.id} className="text-amber-950">
                {n.message}{" "}
                <Link href={`/desk/grid?plan=${n.plan.id}&period=${n.period}`} className="whitespace-nowrap text-sky-700 hover:underline">
                  {N.fill} →
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      <div className="mb-3">
        <PeriodForm action="/desk" periods={periods} period={period} />
      </div>
      <div className="mb-4 flex flex-wrap gap-2">
        {plans.map((r) => (
          <Link
            key={r.plan.id}
            href={`/desk/grid?plan=${r.plan.id}&period=${r.period}`}
            className="rounded bg-sky-700 px-3 py-1.5 text-sm text-white hover:bg-sky-800"
            data-testid="open-grid"
          >
            批量填报 {periodLabel(r.period)}（{r.plan.title}）
          </Link>
        ))}
        {grantOf(user.role, "project.create") && (
          <Link href="/projects/new" className="rounded px-3 py-1.5 text-sm text-sky-700 ring-1 ring-sky-300 hover:bg-sky-50" data-testid="desk-new-project">
            {zhPortfolio.create.link}
          </Link>
        )}
      </div>
      {returned.length > 0 && (
        <section className="mb-4 rounded border border-red-200 bg-red-50 p-3 text-sm" data-testid="returned">
          <h2 className="font-semibold text-red-800">被退回的报告（{returned.length}）</h2>
          <ul className="mt-1 space-y-1">
            {returned.map((r) => (
              <li key={r.id}>
                <Link href={`/projects/${r.project.id}/report?period=${r.period}`} className="text-sky-700 hover:underline">
                  {r.project.name} · {periodLabel(r.period)}
                </Link>
                <span className="ml-2 text-red-800">退回意见：{r.reviewComment}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {overdue.length > 0 && (
        <section className="mb-4 rounded border border-amber-200 bg-amber-50 p-3 text-sm">
          <h2 className="font-semibold text-amber-900">
            {FLAG_LABEL.OVERDUE}的节点（{overdue.length}）
          </h2>
          <ul className="mt-1 space-y-1">
            {overdue.map((m) => (
              <li key={m.id}>
                <Link href={`/projects/${m.project.id}`} className="text-sky-700 hover:underline">
                  {m.project.name}
                </Link>{" "}
                · {m.name} · 计划 {m.plannedDate && formatDate(m.plannedDate)}
              </li>
            ))}
          </ul>
        </section>
      )}
      {/* On a phone, one card per project (globals.css: cards-on-phone). */}
      <table className="cards-on-phone w-full bg-white text-sm shadow-sm" data-testid="desk-table">
        <thead className="bg-slate-100 text-left text-slate-600">
          <tr>
            <th className="px-3 py-2">项目</th>
            <th className="px-3 py-2">单位</th>
            <th className="px-3 py-2">期次</th>
            <th className="px-3 py-2">报告</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} className="border-t">
              <td className="px-3 py-2">
                <Link href={`/projects/${r.id}`} className="text-sky-700 hover:underline">
                  {r.name}
                </Link>
              </td>
              <td className="px-3 py-2 whitespace-nowrap" data-label="单位">
                {r.unit?.name}
              </td>
              <td className="px-3 py-2 whitespace-nowrap" data-label="期次">
                {periodLabel(r.period)}
              </td>
              <td className="px-3 py-2" data-label="报告">
                <Link href={`/projects/${r.id}/report?period=${r.period}`}>
                  <ReportStatus status={r.current?.status} />
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
