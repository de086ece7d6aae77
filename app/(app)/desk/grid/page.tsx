import Link from "next/link";
import { ReportGrid } from "./report-grid";
import { periodLabel, periodOf } from "@/lib/periods";
import { requireUser } from "@/lib/server/auth/current-user";
import { gridRows } from "@/lib/server/reports/grid-rows";
import { orNotFound } from "@/lib/ui/or-not-found";

export default async function GridPage({ searchParams }: { searchParams: Promise<{ plan?: string; period?: string }> }) {
  const user = await requireUser();
  const sp = await searchParams;
  const planId = Number(sp.plan);
  if (!Number.isSafeInteger(planId) || planId <= 0) return <p className="mt-6">请从“我的项目”进入批量填报。</p>;
  const period = sp.period ?? periodOf(new Date(), "MONTHLY");
  const { plan, rows } = await orNotFound(gridRows(user, planId, period));
  return (
    <>
      <p className="text-sm text-slate-500">
        <Link href="/desk" className="hover:underline">
          我的项目
        </Link>
      </p>
      <h1 className="mt-1 text-xl font-semibold">
        批量填报 · {periodLabel(period)}
      </h1>
      <p className="mb-3 text-sm text-slate-600">
        {plan.title} · 金额单位：<strong>万元</strong> · 每行单独校验和保存；已提交或已审核的行不能在此修改。
      </p>
      <form method="get" className="mb-3 flex items-end gap-2 text-sm">
        <input type="hidden" name="plan" value={planId} />
        <label>
          期次
          <input name="period" defaultValue={period} className="ml-2 w-28 rounded border border-slate-300 px-2 py-1" />
        </label>
        <button className="rounded px-3 py-1 ring-1 ring-slate-300">切换</button>
      </form>
      {rows.length === 0 ? <p>您负责的单位在本规划中没有需要填报的项目。</p> : <ReportGrid period={period} rows={rows} />}
    </>
  );
}
