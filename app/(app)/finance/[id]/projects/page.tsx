import { PageMoneyUnit } from "@/components/money-unit-switch";
import Link from "next/link";
import { DataTable } from "@/components/data-table";
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
import { moneyUnitForPlan } from "@/lib/ui/money-unit";
import { orForbidden } from "@/lib/ui/or-forbidden";
import { idParam, orNotFound } from "@/lib/ui/or-not-found";
import { planPageTitle } from "@/lib/ui/page-title";

type Search = Record<string, string | string[] | undefined>;
const f = zhFinance.figures;
const date = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : "—");
// The money figures after 总投资 (which reads 未知 when unknown): amounts that may not exist yet ("—").
const AMOUNTS = ["annualPlanWan", "completedYearWan", "completedToDateWan", "fundsYearWan"] as const;

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  return planPageTitle((await params).id, "看板明细");
}

// The projects behind one figure of one group of the dashboard.
export default async function FinanceDrillPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Search> }) {
  const id = idParam((await params).id);
  const search = flatParams(await searchParams);
  const result = await orForbidden(orNotFound(drillDown(await requireUser(), { ...search, plan: id })));
  if (!result.ok) return result.page;
  const d = result.data;
  const unit = await moneyUnitForPlan(d.plan);
  const base = { planId: d.plan.id, period: d.period, includeSubmitted: d.includeSubmitted };
  const g = d.group;
  type Row = (typeof d.rows)[number];
  const back = `/finance/${d.plan.id}?period=${d.period}${d.includeSubmitted ? "&submitted=1" : ""}`;
  return (
    <>
      <PageMoneyUnit unit={unit} />
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
              [
                <Hint key="h" label={f.projectCount} text={zhFinance.counting.rule} />,
                <span key="c" className="num">
                  {g.projectCount}
                </span>,
              ],
              [
                zhFinance.counting.subProjects,
                <span key="s" className="num">
                  {g.subProjectCount}
                </span>,
              ],
              [f.totalWan, <Money key="t" wan={g.totalWan} unit={unit} withUnit />],
              [f.unknownCount, g.unknownCount],
              ...AMOUNTS.map((k) => [f[k], <Amount key={k} wan={g[k]} unit={unit} />] as const),
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
        <div className="mt-2">
          <DataTable
            testId="drill-table"
            dense
            rows={d.rows}
            rowKey={(r) => r.id}
            rowProps={() => ({ "data-testid": "drill-row" })}
            columns={[
              {
                key: "name",
                header: zh.project.name,
                cell: (r) => (
                  <>
                    <Link href={`/projects/${r.id}`} className="text-sky-700 hover:underline">
                      {r.name}
                    </Link>
                    {r.kind === "PROGRAMME" && <span className="ml-1 rounded bg-slate-100 px-1 text-xs text-slate-600">{zh.projectKind.PROGRAMME}</span>}
                    {r.subProjectCount > 0 && (
                      <span className="ml-1 rounded bg-sky-50 px-1 text-xs text-sky-800">{zhFinance.counting.withSub(r.subProjectCount)}</span>
                    )}
                    {(r.overdueStart || r.overdueComplete) && (
                      <span className="ml-1 rounded bg-red-50 px-1 text-xs text-red-700">
                        {r.overdueStart ? zhFinance.overdueStart : zhFinance.overdueComplete}
                      </span>
                    )}
                  </>
                ),
              },
              { key: "unit", header: zh.project.unit, nowrap: true, cell: (r) => r.unitName ?? zhFinance.noUnit },
              { key: "section", header: zh.project.section, nowrap: true, cell: (r) => r.sectionName },
              { key: "period", header: zh.project.period, nowrap: true, cell: (r) => (r.startYear ? `${r.startYear}–${r.endYear ?? ""}` : "—") },
              { key: "status", header: zh.project.status, nowrap: true, cell: (r) => zh.status[r.status] },
              { key: "startDue", header: zhFinance.plannedStart, nowrap: true, cell: (r) => date(r.startDue) },
              { key: "completeDue", header: zhFinance.plannedComplete, nowrap: true, cell: (r) => date(r.completeDue) },
              {
                key: "totalWan",
                header: `${f.totalWan}（${UNIT_LABEL[unit]}）`,
                numeric: true,
                // A project inside a bundle: its money is on the bundle, one note across the money columns.
                colSpan: (r) => (r.line ? 1 : 1 + AMOUNTS.length),
                cell: (r) =>
                  r.line ? (
                    <Money wan={r.totalWan} unit={unit} />
                  ) : (
                    <span className="block text-center text-xs whitespace-normal text-slate-600">{zhFinance.childOfBundle}</span>
                  ),
              },
              ...AMOUNTS.map((k) => ({ key: k, header: f[k], numeric: true, cell: (r: Row) => <Amount wan={r[k]} unit={unit} /> })),
              {
                key: "report",
                header: periodLabel(d.period),
                nowrap: true,
                cell: (r) => (r.reportStatus ? zhFinance.reportStatus[r.reportStatus] : <span className="text-slate-600">{zhFinance.notReportedShort}</span>),
              },
            ]}
            footerProps={{ "data-testid": "drill-total" }}
            footer={
              g && d.figure === "money"
                ? [
                    {
                      colSpan: 7,
                      cell: (
                        <>
                          {zhFinance.total}（{g.name}）<span className="ml-2 text-xs font-normal text-slate-500">{zhFinance.drillNote}</span>
                        </>
                      ),
                    },
                    <Money key="totalWan" wan={g.totalWan} unit={unit} />,
                    ...AMOUNTS.map((k) => <Amount key={k} wan={g[k]} unit={unit} />),
                    null,
                  ]
                : undefined
            }
          />
        </div>
      )}
    </>
  );
}
