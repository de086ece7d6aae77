import Link from "next/link";
import { CsvButton } from "@/components/excel/csv-button";
import { Hint } from "@/components/finance/hint";
import { Money } from "@/components/money";
import { zhFinance } from "@/lib/i18n/zh-CN-finance";
import { zh } from "@/lib/i18n/zh-CN";
import { UNIT_LABEL } from "@/lib/money";
import { requireUser } from "@/lib/server/auth/current-user";
import { listPlans } from "@/lib/server/plans/list-plans";
import { moneyUnit } from "@/lib/ui/money-unit";

export default async function PlansPage() {
  const [plans, unit] = await Promise.all([listPlans(await requireUser(), {}), moneyUnit()]);
  return (
    <>
      <div className="mb-4 flex items-center">
        <h1 className="text-xl font-semibold">{zh.plan.list}</h1>
        <span className="ml-auto">
          <CsvButton list="plans" />
        </span>
      </div>
      <table className="w-full bg-white text-sm shadow-sm">
        <thead className="bg-slate-100 text-left text-slate-600">
          <tr>
            <th className="px-3 py-2">{zh.plan.title}</th>
            <th className="px-3 py-2">{zh.plan.level}</th>
            <th className="px-3 py-2">{zh.plan.region}</th>
            <th className="px-3 py-2">{zh.plan.period}</th>
            <th className="px-3 py-2 text-right">
              <Hint label={zhFinance.figures.projectCount} text={zhFinance.counting.rule} align="right" />
            </th>
            <th className="px-3 py-2 text-right">{zhFinance.counting.subProjects}</th>
            <th className="px-3 py-2 text-right">{zh.plan.programmes}</th>
            <th className="px-3 py-2 text-right">
              {zh.plan.total}（{UNIT_LABEL[unit]}）
            </th>
            <th className="px-3 py-2 text-right">{zh.plan.unknownCount}</th>
            <th className="px-3 py-2 text-right">{zh.plan.warnings}</th>
          </tr>
        </thead>
        <tbody>
          {plans.map((p) => (
            <tr key={p.id} className="border-t">
              <td className="px-3 py-2">
                <Link href={`/plans/${p.id}`} className="text-sky-700 hover:underline">
                  {p.title}
                </Link>
                {!p.hasProjectList && <span className="ml-2 rounded bg-amber-100 px-1.5 text-xs text-amber-800">无项目表</span>}
              </td>
              <td className="px-3 py-2">{zh.level[p.level]}</td>
              <td className="px-3 py-2">{p.region.name}</td>
              <td className="px-3 py-2">
                {p.periodStart}–{p.periodEnd}
              </td>
              <td className="num px-3 py-2">{p.totals?.projectCount ?? 0}</td>
              <td className="num px-3 py-2">{p.totals?.subProjectCount ?? 0}</td>
              <td className="num px-3 py-2">{p.totals?.programmeCount ?? 0}</td>
              <td className="num px-3 py-2">
                <Money wan={p.totals?.totalWan} unit={unit} />
              </td>
              <td className="num px-3 py-2">{p.totals?.unknownCount ?? 0}</td>
              <td className="num px-3 py-2">
                {p._count.warnings > 0 ? (
                  <Link href={`/plans/${p.id}/warnings`} className="text-amber-700 hover:underline">
                    {p._count.warnings}
                  </Link>
                ) : (
                  0
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
