import Link from "next/link";
import { DataTable } from "@/components/data-table";
import { CsvButton } from "@/components/excel/csv-button";
import { Hint } from "@/components/finance/hint";
import { Money } from "@/components/money";
import { formatDateTime } from "@/lib/dates";
import { zhFinance } from "@/lib/i18n/zh-CN-finance";
import { zhPlans } from "@/lib/i18n/zh-CN-plans";
import { zh } from "@/lib/i18n/zh-CN";
import { UNIT_LABEL, type MoneyUnit } from "@/lib/money";
import { grantOf } from "@/lib/permissions";
import { requireUser } from "@/lib/server/auth/current-user";
import { listPlans } from "@/lib/server/plans/list-plans";
import { moneyUnit } from "@/lib/ui/money-unit";
import type { Metadata } from "next";

type Row = Awaited<ReturnType<typeof listPlans>>[number];

export const metadata: Metadata = { title: zh.plan.list };

// Current plans, then archived ones (read-only, still counted everywhere); admins create plans here.
export default async function PlansPage() {
  const user = await requireUser();
  const [plans, unit] = await Promise.all([listPlans(user, {}), moneyUnit()]);
  const current = plans.filter((p) => !p.archivedAt);
  const archived = plans.filter((p) => p.archivedAt);
  return (
    <>
      <div className="mb-4 flex items-center gap-3">
        <h1 className="text-xl font-semibold">{zh.plan.list}</h1>
        <span className="ml-auto">
          <CsvButton list="plans" />
        </span>
        {grantOf(user.role, "plan.manage") && (
          <Link href="/plans/new" className="rounded bg-sky-700 px-3 py-1 text-sm text-white hover:bg-sky-800" data-testid="new-plan">
            {zhPlans.list.create}
          </Link>
        )}
      </div>
      <h2 className="mb-2 font-semibold">{zhPlans.list.current}</h2>
      <PlanTable rows={current} unit={unit} testId="plans-current" />
      <h2 className="mt-6 mb-2 font-semibold">{zhPlans.list.archived}</h2>
      <PlanTable rows={archived} unit={unit} testId="plans-archived" archived />
    </>
  );
}

function PlanTable({ rows, unit, testId, archived = false }: { rows: Row[]; unit: MoneyUnit; testId: string; archived?: boolean }) {
  return (
    <DataTable
      testId={testId}
      rows={rows}
      rowKey={(p) => p.id}
      empty={archived ? zhPlans.list.archivedNone : undefined}
      columns={[
        {
          key: "title",
          header: zh.plan.title,
          cell: (p) => (
            <>
              <Link href={`/plans/${p.id}`} className="text-sky-700 hover:underline">
                {p.title}
              </Link>
              {!p.hasProjectList && <span className="ml-2 rounded bg-amber-100 px-1.5 text-xs text-amber-800">无项目表</span>}
            </>
          ),
        },
        { key: "level", header: zh.plan.level, cell: (p) => zh.level[p.level] },
        { key: "region", header: zh.plan.region, cell: (p) => p.region.name },
        { key: "period", header: zh.plan.period, nowrap: true, cell: (p) => `${p.periodStart}–${p.periodEnd}` },
        archived && { key: "archivedAt", header: "归档时间", nowrap: true, cell: (p) => formatDateTime(p.archivedAt!) },
        {
          key: "projects",
          header: <Hint label={zhFinance.figures.projectCount} text={zhFinance.counting.rule} align="right" />,
          numeric: true,
          cell: (p) => p.totals?.projectCount ?? 0,
        },
        { key: "sub", header: zhFinance.counting.subProjects, numeric: true, cell: (p) => p.totals?.subProjectCount ?? 0 },
        { key: "programmes", header: zh.plan.programmes, numeric: true, cell: (p) => p.totals?.programmeCount ?? 0 },
        { key: "total", header: `${zh.plan.total}（${UNIT_LABEL[unit]}）`, numeric: true, cell: (p) => <Money wan={p.totals?.totalWan} unit={unit} /> },
        { key: "unknown", header: zh.plan.unknownCount, numeric: true, cell: (p) => p.totals?.unknownCount ?? 0 },
        {
          key: "warnings",
          header: zh.plan.warnings,
          numeric: true,
          cell: (p) =>
            p._count.warnings > 0 ? (
              <Link href={`/plans/${p.id}/warnings`} className="text-amber-700 hover:underline">
                {p._count.warnings}
              </Link>
            ) : (
              0
            ),
        },
      ]}
    />
  );
}
