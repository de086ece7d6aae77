import Link from "next/link";
import { ReportGrid } from "./report-grid";
import { periodLabel } from "@/lib/periods";
import { requireUser } from "@/lib/server/auth/current-user";
import { gridRows } from "@/lib/server/reports/grid-rows";
import { orForbidden, requireGrant } from "@/lib/ui/or-forbidden";
import { chosenMoneyUnit } from "@/lib/ui/money-unit";
import { PageMoneyUnit } from "@/components/money-unit-switch";
import { UNIT_LABEL } from "@/lib/money";
import { orNotFound } from "@/lib/ui/or-not-found";
import { PeriodForm } from "../../finance/period-form";
import type { Metadata } from "next";

export const metadata: Metadata = { title: "批量填报" };

export default async function GridPage({ searchParams }: { searchParams: Promise<{ plan?: string; period?: string }> }) {
  const user = await requireUser();
  requireGrant(user, "report.write"); // others: 403 before anything about 我的项目 is said
  const sp = await searchParams;
  const planId = Number(sp.plan);
  if (!Number.isSafeInteger(planId) || planId <= 0) return <p className="mt-6">请从“我的项目”进入批量填报。</p>;
  const grid = await orForbidden(orNotFound(gridRows(user, { planId, period: sp.period, moneyUnit: await chosenMoneyUnit() })));
  if (!grid.ok) return grid.page;
  const { plan, unit, period, periods, periodProblem, rows } = grid.data;
  return (
    <>
      <p className="text-sm text-slate-500">
        <Link href="/desk" className="hover:underline">
          我的项目
        </Link>
      </p>
      <PageMoneyUnit unit={unit} />
      <h1 className="mt-1 text-xl font-semibold">批量填报 · {periodLabel(period)}</h1>
      <p className="mb-3 text-sm text-slate-600">
        {plan.title} · 金额单位：<strong>{UNIT_LABEL[unit]}</strong>（页面顶部可切换）·
        修改过的行保存为草稿（每行单独校验，有错的行标在单元格上，其余照存）；“提交”是单独一步。已提交或已审核的行不能在此修改。
      </p>
      <div className="mb-3">
        <PeriodForm action="/desk/grid" periods={periods} period={period} hidden={{ plan: String(planId) }} />
      </div>
      {periodProblem ? (
        <p role="alert" className="rounded bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="period-problem">
          {periodProblem}
        </p>
      ) : rows.length === 0 ? (
        <p>您负责的单位在本规划中没有需要填报的项目。</p>
      ) : (
        <ReportGrid key={`${period}-${unit}`} period={period} unit={unit} rows={rows} />
      )}
    </>
  );
}
