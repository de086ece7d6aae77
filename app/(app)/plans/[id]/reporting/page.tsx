import Link from "next/link";
import { DataTable } from "@/components/data-table";
import { Hint } from "@/components/finance/hint";
import { formatDateTime } from "@/lib/dates";
import { zhFinance } from "@/lib/i18n/zh-CN-finance";
import { zhReminders } from "@/lib/i18n/zh-CN-reminders";
import { periodChoices, periodLabel } from "@/lib/periods";
import { grantOf } from "@/lib/permissions";
import { requireUser } from "@/lib/server/auth/current-user";
import { getPlan } from "@/lib/server/plans/get-plan";
import { reportingOverview, type OverviewRow } from "@/lib/server/reports/reporting-overview";
import { idParam, orNotFound } from "@/lib/ui/or-not-found";
import { PeriodForm } from "../../../finance/period-form";
import { RemindButton } from "./remind-button";
import { planPageTitle } from "@/lib/ui/page-title";

type Counted = Exclude<keyof OverviewRow, "unitId" | "unitName" | "overdue" | "lastReminderAt">;
const T = zhReminders.status;

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  return planPageTitle((await params).id, "填报情况");
}

export default async function ReportingPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ period?: string }> }) {
  const id = idParam((await params).id);
  const user = await requireUser();
  const { plan } = await orNotFound(getPlan(user, { id }));
  const { periods, period } = periodChoices(plan, { requested: (await searchParams).period });
  const o = await reportingOverview(user, { planId: id, period });
  const canRemind = !!grantOf(user.role, "report.review") && plan.archivedAt === null;
  const R = zhFinance.reporting;
  const cols: [Counted, string, string?][] = [
    ["projects", zhFinance.figures.projectCount, zhFinance.counting.rule],
    ["completed", R.completed, R.completedHint],
    ["due", R.due, R.dueHint],
    ["approved", "已审核"],
    ["submitted", "待审核"],
    ["returned", "已退回"],
    ["draft", "草稿"],
    ["missing", "未填报"],
  ];
  // Reports still missing in bold red, returned ones in red.
  const alarm = (key: string, r: { missing: number; returned: number }) =>
    key === "missing" && r.missing > 0 ? "font-semibold text-red-700" : key === "returned" && r.returned > 0 ? "text-red-700" : undefined;
  // The projects behind 未报送: the dashboard's 本期应报未报 list of the unit (the same lines).
  const drill = (unitId: number | null) =>
    `/finance/${id}/projects?${new URLSearchParams({ period, unit: unitId === null ? "none" : String(unitId), figure: "notReported" })}`;
  const remindable = o.rows.filter((r) => r.unitId !== null && r.outstanding > 0).length;
  return (
    <>
      <p className="text-sm text-slate-500">
        <Link href={`/plans/${id}`} className="hover:underline">
          {plan.title}
        </Link>
      </p>
      <h1 className="mt-1 text-xl font-semibold">填报情况 · {periodLabel(period)}</h1>
      <div className="my-3 flex flex-wrap items-center gap-x-4 gap-y-2">
        <PeriodForm action={`/plans/${id}/reporting`} periods={periods} period={period} />
        <span className={`text-sm ${o.daysPastDue > 0 ? "text-red-700" : "text-slate-600"}`} data-testid="reporting-deadline">
          {T.deadline(o.rule, o.dueDate)}
          {o.daysPastDue > 0 && `（${T.overdueDays(o.daysPastDue)}）`}
        </span>
      </div>
      {canRemind && remindable > 0 && (
        <div className="mb-3">
          <RemindButton
            planId={id}
            period={period}
            label={zhReminders.send.all(remindable)}
            confirmText={zhReminders.send.confirmAll(remindable)}
            primary
            testId="remind-all"
          />
        </div>
      )}
      <DataTable
        testId="reporting-table"
        rows={o.rows}
        rowKey={(r) => r.unitId ?? "none"}
        rowProps={(r) => ({ "data-testid": "reporting-row", "data-name": r.unitName, "data-overdue": String(r.overdue) })}
        columns={[
          { key: "unit", header: "单位", nowrap: true, cell: (r) => r.unitName },
          ...cols.map(([key, label, hint]) => ({
            key,
            header: hint ? <Hint label={label} text={hint} align="right" /> : label,
            numeric: true,
            cell: (r: OverviewRow) => <span className={alarm(key, r)}>{r[key]}</span>,
          })),
          {
            key: "outstanding",
            header: <Hint label={T.outstanding} text={T.outstandingHint} align="right" />,
            numeric: true,
            cell: (r) =>
              r.outstanding > 0 ? (
                <Link
                  href={drill(r.unitId)}
                  className="font-semibold text-red-700 underline decoration-dotted hover:text-red-900"
                  data-testid="outstanding-link"
                >
                  {r.outstanding}
                </Link>
              ) : (
                0
              ),
          },
          {
            key: "state",
            header: T.state,
            cell: (r) => (
              <span className="flex flex-wrap items-center gap-1">
                {r.overdue && (
                  <span className="rounded bg-red-100 px-1.5 text-xs whitespace-nowrap text-red-800" data-testid="overdue">
                    {T.overdue}
                  </span>
                )}
                {r.lastReminderAt && (
                  <span className="text-xs whitespace-nowrap text-slate-500">{T.remindedAt(formatDateTime(r.lastReminderAt).slice(5, 16))}</span>
                )}
                {canRemind && r.unitId !== null && r.outstanding > 0 && (
                  <RemindButton planId={id} period={period} unitIds={[r.unitId]} label={zhReminders.send.one} testId="remind-unit" />
                )}
              </span>
            ),
          },
        ]}
        footerProps={{ "data-testid": "reporting-total" }}
        footer={[
          T.total,
          ...cols.map(([key]) => (
            <span key={key} className={alarm(key, o.total)}>
              {o.total[key]}
            </span>
          )),
          <Link key="outstanding" href={`/finance/${id}/projects?${new URLSearchParams({ period, figure: "notReported" })}`} className="hover:underline">
            {o.total.outstanding}
          </Link>,
          o.total.overdueUnits > 0 ? <span className="text-xs text-red-800">{T.overdueUnits(o.total.overdueUnits)}</span> : null,
        ]}
      />
    </>
  );
}
