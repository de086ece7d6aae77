import Link from "next/link";
import { Money } from "@/components/money";
import { Amount } from "@/components/finance/amount";
import { drillHref } from "@/components/finance/drill-href";
import { Hint } from "@/components/finance/hint";
import { Rate } from "@/components/finance/rate";
import { zhFinance } from "@/lib/i18n/zh-CN-finance";
import { zh } from "@/lib/i18n/zh-CN";
import { UNIT_LABEL } from "@/lib/money";
import { periodLabel } from "@/lib/periods";
import { FOUR_RATES, RATES } from "@/lib/rates";
import { DRILL_FIGURE_NAMES, flatParams } from "@/lib/schemas/finance";
import { requireUser } from "@/lib/server/auth/current-user";
import { drillDown } from "@/lib/server/finance/drill-down";
import { moneyUnit } from "@/lib/ui/money-unit";
import { orForbidden } from "@/lib/ui/or-forbidden";
import { idParam, orNotFound } from "@/lib/ui/or-not-found";

type Search = Record<string, string | string[] | undefined>;
const f = zhFinance.figures;
const date = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : "—");

// The projects behind one figure of one group of the dashboard.
export default async function FinanceDrillPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Search> }) {
  const id = idParam((await params).id);
  const search = flatParams(await searchParams);
  const [result, unit] = await Promise.all([orForbidden(orNotFound(drillDown(await requireUser(), { ...search, plan: id }))), moneyUnit()]);
  if (!result.ok) return result.page;
  const d = result.data;
  const base = { planId: d.plan.id, period: d.period, includeSubmitted: d.includeSubmitted };
  const g = d.group;
  const back = `/finance/${d.plan.id}?period=${d.period}${d.includeSubmitted ? "&submitted=1" : ""}`;
  return (
    <>
      <p className="text-sm text-slate-500">
        <Link href={back} className="hover:underline">
          ← {zhFinance.back}
        </Link>
      </p>
      <h1 className="mt-1 text-xl font-semibold" data-testid="drill-title">
        {g?.name ?? zhFinance.total} · {zhFinance.drillFigure[d.figure]}
      </h1>
      <p className="mt-1 text-sm text-slate-600">
        {d.plan.title} · {periodLabel(d.period)}（{zhFinance.asOf(d.asOf)}）{d.includeSubmitted ? ` · ${zhFinance.includeSubmitted}` : ""}
      </p>
      <nav className="mt-3 flex flex-wrap gap-1 text-sm" data-testid="drill-figures">
        {DRILL_FIGURE_NAMES.map((fig) => (
          <Link
            key={fig}
            href={drillHref(base, d.key, fig)}
            className={`rounded px-2 py-0.5 ${fig === d.figure ? "bg-sky-700 text-white" : "bg-white text-slate-700 ring-1 ring-slate-300 hover:bg-slate-100"}`}
          >
            {zhFinance.drillFigure[fig]}
          </Link>
        ))}
      </nav>
      {g && (
        <dl className="mt-3 grid grid-cols-2 gap-2 text-sm md:grid-cols-4 lg:grid-cols-8" data-testid="drill-group">
          {(
            [
              [<Hint key="h" label={f.projectCount} text={zhFinance.counting.rule} />, <span key="c" className="num">{g.projectCount}</span>],
              [zhFinance.counting.subProjects, <span key="s" className="num">{g.subProjectCount}</span>],
              [f.totalWan, <Money key="t" wan={g.totalWan} unit={unit} withUnit />],
              [f.unknownCount, g.unknownCount],
              [f.annualPlanWan, <Amount key="a" wan={g.annualPlanWan} unit={unit} />],
              [f.completedYearWan, <Amount key="y" wan={g.completedYearWan} unit={unit} />],
              [f.completedToDateWan, <Amount key="d" wan={g.completedToDateWan} unit={unit} />],
              [f.fundsYearWan, <Amount key="f" wan={g.fundsYearWan} unit={unit} />],
              ...FOUR_RATES.map((k) => [RATES[k].label, <Rate key={k} value={g.rates[k]} />] as const),
            ] as const
          ).map(([k, v], i) => (
            <div key={i} className="rounded bg-white px-3 py-2 shadow-sm">
              <dt className="text-xs text-slate-500">{k}</dt>
              <dd className="font-semibold">{v}</dd>
            </div>
          ))}
        </dl>
      )}
      <p className="mt-3 text-sm text-slate-600" data-testid="drill-count">
        {zhFinance.count(d.count)}
        {d.count > d.rows.length && ` · ${zhFinance.timelineLimit(d.rows.length, d.count)}`}
      </p>
      {d.rows.length > 0 && (
        <div className="mt-2 overflow-x-auto">
          <table className="w-full bg-white text-sm shadow-sm" data-testid="drill-table">
            <thead className="bg-slate-100 text-left text-slate-600">
              <tr>
                <th className="px-2 py-2">{zh.project.name}</th>
                <th className="px-2 py-2">{zh.project.unit}</th>
                <th className="px-2 py-2">{zh.project.section}</th>
                <th className="px-2 py-2">{zh.project.period}</th>
                <th className="px-2 py-2">{zh.project.status}</th>
                <th className="px-2 py-2">{zhFinance.plannedStart}</th>
                <th className="px-2 py-2">{zhFinance.plannedComplete}</th>
                <th className="px-2 py-2 text-right">
                  {f.totalWan}（{UNIT_LABEL[unit]}）
                </th>
                <th className="px-2 py-2 text-right">{f.annualPlanWan}</th>
                <th className="px-2 py-2 text-right">{f.completedYearWan}</th>
                <th className="px-2 py-2 text-right">{f.completedToDateWan}</th>
                <th className="px-2 py-2 text-right">{f.fundsYearWan}</th>
                <th className="px-2 py-2">{periodLabel(d.period)}</th>
              </tr>
            </thead>
            <tbody>
              {d.rows.map((r) => (
                <tr key={r.id} className="border-t align-top" data-testid="drill-row">
                  <td className="px-2 py-1.5">
                    <Link href={`/projects/${r.id}`} className="text-sky-700 hover:underline">
                      {r.name}
                    </Link>
                    {r.kind === "PROGRAMME" && <span className="ml-1 rounded bg-slate-100 px-1 text-xs text-slate-600">{zh.projectKind.PROGRAMME}</span>}
                    {r.subProjectCount > 0 && <span className="ml-1 rounded bg-sky-50 px-1 text-xs text-sky-800">{zhFinance.counting.withSub(r.subProjectCount)}</span>}
                    {(r.overdueStart || r.overdueComplete) && (
                      <span className="ml-1 rounded bg-red-50 px-1 text-xs text-red-700">{r.overdueStart ? zhFinance.overdueStart : zhFinance.overdueComplete}</span>
                    )}
                  </td>
                  <td className="px-2 py-1.5 whitespace-nowrap">{r.unitName ?? zhFinance.noUnit}</td>
                  <td className="px-2 py-1.5 whitespace-nowrap">{r.sectionName}</td>
                  <td className="px-2 py-1.5 whitespace-nowrap">{r.startYear ? `${r.startYear}–${r.endYear ?? ""}` : "—"}</td>
                  <td className="px-2 py-1.5 whitespace-nowrap">{zh.status[r.status]}</td>
                  <td className="px-2 py-1.5 whitespace-nowrap">{date(r.startDue)}</td>
                  <td className="px-2 py-1.5 whitespace-nowrap">{date(r.completeDue)}</td>
                  {r.line ? (
                    <>
                      <td className="px-2 py-1.5 text-right">
                        <Money wan={r.totalWan} unit={unit} />
                      </td>
                      <td className="px-2 py-1.5 text-right">
                        <Amount wan={r.annualPlanWan} unit={unit} />
                      </td>
                      <td className="px-2 py-1.5 text-right">
                        <Amount wan={r.completedYearWan} unit={unit} />
                      </td>
                      <td className="px-2 py-1.5 text-right">
                        <Amount wan={r.completedToDateWan} unit={unit} />
                      </td>
                      <td className="px-2 py-1.5 text-right">
                        <Amount wan={r.fundsYearWan} unit={unit} />
                      </td>
                    </>
                  ) : (
                    <td colSpan={5} className="px-2 py-1.5 text-center text-xs text-slate-400">
                      {zhFinance.childOfBundle}
                    </td>
                  )}
                  <td className="px-2 py-1.5 whitespace-nowrap">{r.reportStatus ? zhFinance.reportStatus[r.reportStatus] : <span className="text-slate-400">{zhFinance.notReportedShort}</span>}</td>
                </tr>
              ))}
            </tbody>
            {g && d.figure === "money" && (
              <tfoot>
                <tr className="border-t-2 border-slate-300 bg-slate-50 font-semibold" data-testid="drill-total">
                  <td className="px-2 py-1.5" colSpan={7}>
                    {zhFinance.total}（{g.name}）<span className="ml-2 text-xs font-normal text-slate-500">{zhFinance.drillNote}</span>
                  </td>
                  <td className="px-2 py-1.5 text-right">
                    <Money wan={g.totalWan} unit={unit} />
                  </td>
                  <td className="px-2 py-1.5 text-right">
                    <Amount wan={g.annualPlanWan} unit={unit} />
                  </td>
                  <td className="px-2 py-1.5 text-right">
                    <Amount wan={g.completedYearWan} unit={unit} />
                  </td>
                  <td className="px-2 py-1.5 text-right">
                    <Amount wan={g.completedToDateWan} unit={unit} />
                  </td>
                  <td className="px-2 py-1.5 text-right">
                    <Amount wan={g.fundsYearWan} unit={unit} />
                  </td>
                  <td />
                </tr>
              </tfoot>
            )}
          </table>
        </div>
      )}
    </>
  );
}
