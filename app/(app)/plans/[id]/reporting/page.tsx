import Link from "next/link";
import { DataTable } from "@/components/data-table";
import { Hint } from "@/components/finance/hint";
import { zhFinance } from "@/lib/i18n/zh-CN-finance";
import { periodChoices, periodLabel } from "@/lib/periods";
import { requireUser } from "@/lib/server/auth/current-user";
import { getPlan } from "@/lib/server/plans/get-plan";
import { reportingStatus, type ReportingStatusRow } from "@/lib/server/reports/reporting-status";
import { idParam, orNotFound } from "@/lib/ui/or-not-found";
import { PeriodForm } from "../../../finance/period-form";

export default async function ReportingPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ period?: string }> }) {
  const id = idParam((await params).id);
  const user = await requireUser();
  const { plan } = await orNotFound(getPlan(user, { id }));
  const { periods, period } = periodChoices(plan, { requested: (await searchParams).period });
  const rows = await reportingStatus(user, { planId: id, period });
  const R = zhFinance.reporting;
  const cols: [Exclude<keyof ReportingStatusRow, "unitId" | "unitName">, string, string?][] = [
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
  const alarm = (key: string, r: ReportingStatusRow) =>
    key === "missing" && r.missing > 0 ? "font-semibold text-red-700" : key === "returned" && r.returned > 0 ? "text-red-700" : undefined;
  return (
    <>
      <p className="text-sm text-slate-500">
        <Link href={`/plans/${id}`} className="hover:underline">
          {plan.title}
        </Link>
      </p>
      <h1 className="mt-1 text-xl font-semibold">填报情况 · {periodLabel(period)}</h1>
      <div className="my-3">
        <PeriodForm action={`/plans/${id}/reporting`} periods={periods} period={period} />
      </div>
      <DataTable
        testId="reporting-table"
        rows={rows}
        rowKey={(r) => r.unitId ?? "none"}
        rowProps={(r) => ({ "data-testid": "reporting-row", "data-name": r.unitName })}
        columns={[
          { key: "unit", header: "单位", cell: (r) => r.unitName },
          ...cols.map(([key, label, hint]) => ({
            key,
            header: hint ? <Hint label={label} text={hint} align="right" /> : label,
            numeric: true,
            cell: (r: ReportingStatusRow) => <span className={alarm(key, r)}>{r[key]}</span>,
          })),
        ]}
      />
    </>
  );
}
