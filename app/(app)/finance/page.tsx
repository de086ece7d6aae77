import Link from "next/link";
import { DataTable } from "@/components/data-table";
import { Money } from "@/components/money";
import { Amount } from "@/components/finance/amount";
import { Hint } from "@/components/finance/hint";
import { Rate } from "@/components/finance/rate";
import { zhFinance } from "@/lib/i18n/zh-CN-finance";
import { zh } from "@/lib/i18n/zh-CN";
import { UNIT_LABEL } from "@/lib/money";
import { periodLabel } from "@/lib/periods";
import { FOUR_RATES, RATES } from "@/lib/rates";
import { requireUser } from "@/lib/server/auth/current-user";
import { listPlanFigures } from "@/lib/server/finance/list-plan-figures";
import { moneyUnit } from "@/lib/ui/money-unit";
import { orForbidden } from "@/lib/ui/or-forbidden";
import type { Metadata } from "next";

export const metadata: Metadata = { title: zhFinance.title };

// Every plan's totals for its current period, each leading to its dashboard.
export default async function FinancePage() {
  const [result, unit] = await Promise.all([orForbidden(listPlanFigures(await requireUser(), {})), moneyUnit()]);
  if (!result.ok) return result.page;
  const f = zhFinance.figures;
  type Row = (typeof result.data)[number];
  return (
    <>
      <h1 className="mb-1 text-xl font-semibold">{zhFinance.title}</h1>
      <p className="mb-4 text-sm text-slate-600">{zhFinance.planList}</p>
      <DataTable
        testId="finance-plans"
        rows={result.data}
        rowKey={({ plan }) => plan.id}
        columns={[
          {
            key: "title",
            header: zh.plan.title,
            cell: ({ plan }) => (
              <Link href={`/finance/${plan.id}`} className="text-sky-700 hover:underline">
                {plan.title}
              </Link>
            ),
          },
          { key: "period", header: zhFinance.period, nowrap: true, cell: ({ period }) => periodLabel(period) },
          {
            key: "projectCount",
            header: <Hint label={f.projectCount} text={zhFinance.counting.rule} align="right" />,
            numeric: true,
            cell: ({ total }) => total.projectCount,
          },
          { key: "subProjectCount", header: zhFinance.counting.subProjects, numeric: true, cell: ({ total }) => total.subProjectCount },
          { key: "totalWan", header: `${f.totalWan}（${UNIT_LABEL[unit]}）`, numeric: true, cell: ({ total }) => <Money wan={total.totalWan} unit={unit} /> },
          { key: "unknownCount", header: f.unknownCount, numeric: true, cell: ({ total }) => total.unknownCount },
          { key: "completedYearWan", header: f.completedYearWan, numeric: true, cell: ({ total }) => <Amount wan={total.completedYearWan} unit={unit} /> },
          ...FOUR_RATES.map((k) => ({
            key: k,
            header: <Hint label={RATES[k].label} text={RATES[k].formula} />,
            numeric: true,
            cell: ({ total }: Row) => <Rate value={total.rates[k]} />,
          })),
          {
            key: "timeline",
            header: "",
            nowrap: true,
            cell: ({ plan }) => (
              <Link href={`/finance/${plan.id}/timeline`} className="text-sky-700 hover:underline">
                {zhFinance.timeline}
              </Link>
            ),
          },
        ]}
      />
    </>
  );
}
