import Link from "next/link";
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

// Every plan's totals for its current period, each leading to its dashboard.
export default async function FinancePage() {
  const [result, unit] = await Promise.all([orForbidden(listPlanFigures(await requireUser(), {})), moneyUnit()]);
  if (!result.ok) return result.page;
  const f = zhFinance.figures;
  return (
    <>
      <h1 className="mb-1 text-xl font-semibold">{zhFinance.title}</h1>
      <p className="mb-4 text-sm text-slate-600">{zhFinance.planList}</p>
      <div className="overflow-x-auto">
        <table className="w-full bg-white text-sm shadow-sm" data-testid="finance-plans">
          <thead className="bg-slate-100 text-slate-600">
            <tr>
              <th className="px-3 py-2 text-left">{zh.plan.title}</th>
              <th className="px-3 py-2 text-left">{zhFinance.period}</th>
              <th className="px-3 py-2 text-right">
                <Hint label={f.projectCount} text={zhFinance.counting.rule} align="right" />
              </th>
              <th className="px-3 py-2 text-right">{zhFinance.counting.subProjects}</th>
              <th className="px-3 py-2 text-right">
                {f.totalWan}（{UNIT_LABEL[unit]}）
              </th>
              <th className="px-3 py-2 text-right">{f.unknownCount}</th>
              <th className="px-3 py-2 text-right">{f.completedYearWan}</th>
              {FOUR_RATES.map((k) => (
                <th key={k} className="px-3 py-2 text-right">
                  <Hint label={RATES[k].label} text={RATES[k].formula} />
                </th>
              ))}
              <th className="px-3 py-2" />
            </tr>
          </thead>
          <tbody>
            {result.data.map(({ plan, period, total }) => (
              <tr key={plan.id} className="border-t">
                <td className="px-3 py-2">
                  <Link href={`/finance/${plan.id}`} className="text-sky-700 hover:underline">
                    {plan.title}
                  </Link>
                </td>
                <td className="px-3 py-2 whitespace-nowrap">{periodLabel(period)}</td>
                <td className="num px-3 py-2">{total.projectCount}</td>
                <td className="num px-3 py-2">{total.subProjectCount}</td>
                <td className="num px-3 py-2">
                  <Money wan={total.totalWan} unit={unit} />
                </td>
                <td className="num px-3 py-2">{total.unknownCount}</td>
                <td className="num px-3 py-2">
                  <Amount wan={total.completedYearWan} unit={unit} />
                </td>
                {FOUR_RATES.map((k) => (
                  <td key={k} className="num px-3 py-2">
                    <Rate value={total.rates[k]} />
                  </td>
                ))}
                <td className="px-3 py-2 whitespace-nowrap">
                  <Link href={`/finance/${plan.id}/timeline`} className="text-sky-700 hover:underline">
                    {zhFinance.timeline}
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
