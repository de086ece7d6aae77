import { PageMoneyUnit } from "@/components/money-unit-switch";
import Link from "next/link";
import { IndicatorSummary } from "@/components/indicators/indicator-summary";
import { listIndicators } from "@/lib/server/indicators/list-indicators";
import { Money } from "@/components/money";
import { Amount } from "@/components/finance/amount";
import { drillHref } from "@/components/finance/drill-href";
import { GroupTables } from "@/components/finance/group-tables";
import { Hint } from "@/components/finance/hint";
import { Gap, Rate } from "@/components/finance/rate";
import { TrendChart, UnitChart } from "@/components/finance/charts";
import { chartGroup } from "@/components/finance/chart-number";
import { zhFinance } from "@/lib/i18n/zh-CN-finance";
import { zh } from "@/lib/i18n/zh-CN";
import { UNIT_LABEL } from "@/lib/money";
import { periodLabel, periodYear } from "@/lib/periods";
import { FOUR_RATES, RATES } from "@/lib/rates";
import { flatParams } from "@/lib/schemas/finance";
import { requireUser } from "@/lib/server/auth/current-user";
import { getDashboard } from "@/lib/server/finance/get-dashboard";
import type { DrillRow } from "@/lib/server/rollups/drill-projects";
import { moneyUnitForPlan } from "@/lib/ui/money-unit";
import { orForbidden } from "@/lib/ui/or-forbidden";
import { idParam, orNotFound } from "@/lib/ui/or-not-found";
import { PeriodForm } from "../period-form";
import { planPageTitle } from "@/lib/ui/page-title";

type Search = Record<string, string | string[] | undefined>;
const f = zhFinance.figures;
const date = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : "—");

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  return planPageTitle((await params).id, zhFinance.dashboard);
}

export default async function FinanceDashboardPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Search> }) {
  const id = idParam((await params).id);
  const search = flatParams(await searchParams);
  const user = await requireUser();
  const [result, indicators] = await Promise.all([
    orForbidden(orNotFound(getDashboard(user, { ...search, plan: id }))),
    orNotFound(listIndicators(user, { plan: id })),
  ]);
  if (!result.ok) return result.page;
  const d = result.data;
  const unit = await moneyUnitForPlan(d.plan);
  const base = { planId: d.plan.id, period: d.period, includeSubmitted: d.includeSubmitted };
  const t = d.total;

  const card = (label: React.ReactNode, value: React.ReactNode, href: string, testId: string, sub?: React.ReactNode) => (
    <Link key={testId} href={href} className="block rounded bg-white p-3 shadow-sm hover:ring-1 hover:ring-sky-300" data-testid={testId}>
      <div className="text-xs text-slate-500">{label}</div>
      <div className="mt-1 text-lg font-semibold">{value}</div>
      {sub && <div className="mt-0.5 text-xs text-slate-500">{sub}</div>}
    </Link>
  );
  const rateDetail: Record<string, string> = {
    startRate: `${f.startedCount} ${t.startedCount} / ${f.dueStartCount} ${t.dueStartCount}`,
    onTimeRate: `${f.onTimeCount} ${t.onTimeCount} / ${f.dueCompleteCount} ${t.dueCompleteCount}`,
  };
  const rateFigure: Record<string, string> = { startRate: "dueStart", onTimeRate: "dueComplete" };

  const list = (rows: DrillRow[], count: number, figure: "overdue" | "notReported", title: string, none: string, note?: string) => (
    <section className="min-w-0 rounded bg-white p-3 shadow-sm" data-testid={`list-${figure}`}>
      <h2 className="font-semibold">
        {title} <span className="text-sm font-normal text-slate-500">{zhFinance.count(count)}</span>
      </h2>
      {note && <p className="mt-0.5 text-xs text-slate-500">{note}</p>}
      {rows.length === 0 ? (
        <p className="mt-2 text-sm text-slate-500">{none}</p>
      ) : (
        <ul className="mt-2 divide-y text-sm">
          {rows.map((r) => (
            <li key={r.id} className="flex flex-wrap gap-x-2 py-1">
              <Link href={`/projects/${r.id}`} className="min-w-[12rem] flex-1 truncate text-sky-700 hover:underline" title={r.name}>
                {r.name}
              </Link>
              <span className="shrink-0 text-slate-500">{r.unitName ?? zhFinance.noUnit}</span>
              <span className="shrink-0 text-xs text-slate-500">
                {figure === "overdue"
                  ? r.overdueStart
                    ? `${zhFinance.overdueStart} · ${zhFinance.plannedStart} ${date(r.startDue)}`
                    : `${zhFinance.overdueComplete} · ${zhFinance.plannedComplete} ${date(r.completeDue)}`
                  : r.reportStatus
                    ? zhFinance.reportStatus[r.reportStatus]
                    : zhFinance.notReportedShort}
              </span>
            </li>
          ))}
        </ul>
      )}
      {count > rows.length && (
        <Link href={drillHref(base, {}, figure)} className="mt-2 inline-block text-sm text-sky-700 hover:underline">
          {zhFinance.viewAll(count)} →
        </Link>
      )}
    </section>
  );

  return (
    // Printed on A4 landscape (globals.css: print-landscape).
    <div className="print-landscape">
      <PageMoneyUnit unit={unit} />
      <p className="text-sm text-slate-500 print:hidden">
        <Link href="/finance" className="hover:underline">
          {zhFinance.title}
        </Link>{" "}
        ·{" "}
        <Link href={`/plans/${d.plan.id}`} className="hover:underline">
          {zh.plan.list}
        </Link>
      </p>
      <div className="mt-1 flex flex-wrap items-baseline gap-x-4 gap-y-1">
        <h1 className="text-xl font-semibold" data-testid="dashboard-title">
          {d.plan.title} · {zhFinance.dashboard}
        </h1>
        <span className="text-sm text-slate-600">
          {periodLabel(d.period)}（{zhFinance.asOf(d.asOf)}）{d.includeSubmitted ? ` · ${zhFinance.includeSubmitted}` : ` · ${zhFinance.officialOnly}`}
        </span>
        <Link href={`/finance/${d.plan.id}/timeline`} className="ml-auto text-sm text-sky-700 hover:underline print:hidden">
          {zhFinance.timeline} →
        </Link>
      </div>
      <div className="mt-2">
        <PeriodForm action={`/finance/${d.plan.id}`} periods={d.periods} period={d.period} includeSubmitted={d.includeSubmitted} />
      </div>
      {d.includeSubmitted && (
        <p className="mt-2 rounded border border-amber-200 bg-amber-50 px-3 py-1.5 text-sm text-amber-900" data-testid="unofficial-note">
          {zhFinance.includeSubmittedNote}
        </p>
      )}

      <div className="mt-4 grid grid-cols-2 gap-3 md:grid-cols-4 lg:grid-cols-7 print:grid-cols-7" data-testid="totals">
        {card(
          <Hint label={f.projectCount} text={zhFinance.counting.rule} />,
          <span className="num">{t.projectCount}</span>,
          drillHref(base, {}, "projects"),
          "total-projects",
          t.subProjectCount ? zhFinance.counting.subNote(t.subProjectCount) : undefined,
        )}
        {card(f.totalWan, <Money wan={t.totalWan} unit={unit} withUnit />, drillHref(base, {}, "money"), "total-investment")}
        {card(f.unknownCount, <span className="num">{zhFinance.count(t.unknownCount)}</span>, drillHref(base, {}, "unknown"), "total-unknown")}
        {card(f.annualPlanWan, <Amount wan={t.annualPlanWan} unit={unit} withUnit />, drillHref(base, {}, "money"), "total-annual")}
        {card(f.completedYearWan, <Amount wan={t.completedYearWan} unit={unit} withUnit />, drillHref(base, {}, "money"), "total-year")}
        {card(f.completedToDateWan, <Amount wan={t.completedToDateWan} unit={unit} withUnit />, drillHref(base, {}, "money"), "total-to-date")}
        {card(f.fundsYearWan, <Amount wan={t.fundsYearWan} unit={unit} withUnit />, drillHref(base, {}, "money"), "total-funds")}
      </div>
      <div className="mt-3 grid grid-cols-2 gap-3 md:grid-cols-3 lg:grid-cols-6 print:grid-cols-6" data-testid="rates">
        {FOUR_RATES.map((k) =>
          card(
            <Hint label={RATES[k].label} text={RATES[k].formula} testId={`hint-${k}`} />,
            <Rate value={t.rates[k]} />,
            drillHref(base, {}, rateFigure[k] ?? "money"),
            `rate-${k}`,
            rateDetail[k],
          ),
        )}
        {card(
          <Hint label={RATES.cumulativeRate.label} text={RATES.cumulativeRate.formula} align="right" />,
          <Rate value={t.rates.cumulativeRate} />,
          drillHref(base, {}, "money"),
          "rate-cumulativeRate",
        )}
        {card(
          <Hint label={zhFinance.rates.schedule.label} text={`${zhFinance.rates.schedule.formula} ${zhFinance.rates.scheduleGap.formula}`} align="right" />,
          <span className="num">{t.rates.schedule}%</span>,
          drillHref(base, {}, "money"),
          "rate-schedule",
          <>
            {zhFinance.rates.scheduleGap.label} <Gap value={t.rates.scheduleGap} />
          </>,
        )}
      </div>

      <div className="mt-4 grid gap-4 lg:grid-cols-2">
        <UnitChart units={d.units.map(chartGroup)} categories={d.categories.map(chartGroup)} cells={d.cells.map(chartGroup)} unit={unit} />
        <TrendChart points={d.trend} unit={unit} year={periodYear(d.period)} />
      </div>

      {/* The tables' caption: what they hold and their unit (printed too); on a narrow screen they scroll
          sideways inside their own box, the page does not. */}
      <h2 className="mt-6 flex flex-wrap items-baseline gap-x-3 text-lg font-semibold" data-testid="group-tables-caption">
        汇总表
        <span className="text-sm font-normal text-slate-600">
          {zh.money.unit}：{UNIT_LABEL[unit]}
        </span>
        <span className="text-xs font-normal text-slate-600 lg:hidden print:hidden">表格较宽，可在表内左右滑动</span>
      </h2>
      <div className="[&>section]:mt-1">
        <GroupTables units={d.units} categories={d.categories} total={t} unit={unit} base={base} />
      </div>

      {indicators.indicators.length > 0 && (
        <div className="mt-6">
          <h2 className="mb-2 text-lg font-semibold">
            主要指标{" "}
            <Link href={`/plans/${d.plan.id}/indicators`} className="text-sm font-normal text-sky-700 hover:underline print:hidden">
              查看全部 →
            </Link>
          </h2>
          <IndicatorSummary planId={d.plan.id} figures={indicators.indicators} />
        </div>
      )}

      <div className="mt-6 grid gap-4 lg:grid-cols-2">
        {list(d.overdue.rows, d.overdue.count, "overdue", zhFinance.overdue, zhFinance.overdueNone, zhFinance.overdueNote)}
        {list(d.notReported.rows, d.notReported.count, "notReported", zhFinance.notReported, zhFinance.notReportedNone, zhFinance.notReportedNote)}
      </div>
    </div>
  );
}
