import { PageMoneyUnit } from "@/components/money-unit-switch";
import Link from "next/link";
import { Hint } from "@/components/finance/hint";
import { Money } from "@/components/money";
import { zhFinance } from "@/lib/i18n/zh-CN-finance";
import { zh } from "@/lib/i18n/zh-CN";
import { UNIT_LABEL } from "@/lib/money";
import { DownloadButton } from "@/components/excel/download-button";
import { formatDateTime } from "@/lib/dates";
import { zhPlans } from "@/lib/i18n/zh-CN-plans";
import { grantOf } from "@/lib/permissions";
import { requireUser } from "@/lib/server/auth/current-user";
import { getPlan } from "@/lib/server/plans/get-plan";
import type { RollupRow } from "@/lib/server/rollups/plan-rollup";
import { moneyUnit } from "@/lib/ui/money-unit";
import { ExportPanel } from "@/components/excel/export-panel";
import { periodChoices } from "@/lib/periods";
import { filterOptions } from "@/lib/server/plans/filter-options";
import { idParam, orNotFound } from "@/lib/ui/or-not-found";
import { planPageTitle } from "@/lib/ui/page-title";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  return planPageTitle((await params).id);
}

export default async function PlanPage({ params }: { params: Promise<{ id: string }> }) {
  const id = idParam((await params).id);
  const user = await requireUser();
  const [{ plan, hasDocument, byUnit, bySection, totals }, options] = await Promise.all([
    orNotFound(getPlan(user, { id })),
    filterOptions(user, { planId: id }),
  ]);
  const unit = await moneyUnit(plan.moneyUnit === "wan" ? "wan" : "yi");
  const canExport = !!grantOf(user.role, "export.run");
  const table = (rows: RollupRow[], filter: "unit" | "section", label: string) => (
    // On a phone the table scrolls sideways in its own box; names keep a readable width.
    <div className="overflow-x-auto">
      <table className="w-full bg-white text-sm shadow-sm" data-testid={`rollup-${filter}`}>
        <thead className="bg-slate-100 text-left text-slate-600">
          <tr>
            <th className="px-3 py-2">{label}</th>
            <th className="px-3 py-2 text-right">
              <Hint label={zhFinance.figures.projectCount} text={zhFinance.counting.rule} align="right" />
            </th>
            <th className="px-3 py-2 text-right">{zhFinance.counting.subProjects}</th>
            <th className="px-3 py-2 text-right">{zh.plan.programmes}</th>
            <th className="px-3 py-2 text-right">
              {zh.plan.total}（{UNIT_LABEL[unit]}）
            </th>
            <th className="px-3 py-2 text-right">{zh.plan.unknownCount}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id ?? "none"} className="border-t" data-testid="rollup-row" data-name={r.name}>
              <td className="min-w-28 px-3 py-2">
                {r.id === null ? (
                  r.name
                ) : (
                  <Link href={`/projects?plan=${plan.id}&${filter}=${r.id}`} className="text-sky-700 hover:underline">
                    {r.name}
                  </Link>
                )}
              </td>
              <td className="px-3 py-2 num">{r.projectCount}</td>
              <td className="px-3 py-2 num">{r.subProjectCount}</td>
              <td className="px-3 py-2 num">{r.programmeCount}</td>
              <td className="px-3 py-2 num">
                <Money wan={r.totalWan} unit={unit} />
              </td>
              <td className="px-3 py-2 num">{r.unknownCount}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
  return (
    <>
      <PageMoneyUnit unit={unit} />
      <p className="text-sm text-slate-500">
        <Link href="/plans" className="hover:underline">
          {zh.plan.list}
        </Link>
      </p>
      <h1 className="mt-1 text-xl font-semibold">{plan.title}</h1>
      <p className="mt-1 text-sm text-slate-600">
        {zh.level[plan.level]} · {plan.region.name} · {zh.plan.period} {plan.periodStart}–{plan.periodEnd} · {zhPlans.cycle[plan.reportingCycle]}填报
        {plan.sourceFile && (
          <>
            {" "}
            · {zh.plan.source}：
            {hasDocument ? (
              <Link href={`/plans/${plan.id}/document`} className="text-sky-700 hover:underline">
                {plan.sourceFile}
              </Link>
            ) : (
              plan.sourceFile
            )}
          </>
        )}
      </p>
      {plan.archivedAt && (
        <p className="mt-3 rounded border border-slate-300 bg-slate-100 px-4 py-2 text-sm text-slate-800" data-testid="plan-archived">
          {zhPlans.archive.archived(formatDateTime(plan.archivedAt))}
        </p>
      )}
      {!plan.hasProjectList && <p className="mt-3 rounded border border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-900">{zh.plan.noProjectList}</p>}
      <dl className="mt-4 grid grid-cols-2 gap-3 sm:grid-cols-4">
        {[
          [
            <Hint key="h" label={zhFinance.figures.projectCount} text={zhFinance.counting.rule} />,
            <span key="p">
              <span data-testid="plan-project-count">{totals.projectCount}</span>
              {totals.subProjectCount > 0 && (
                <span className="ml-2 text-xs font-normal text-slate-500">{zhFinance.counting.subNote(totals.subProjectCount)}</span>
              )}
            </span>,
          ],
          [`${zh.plan.total}（${UNIT_LABEL[unit]}）`, <Money key="t" wan={totals.totalWan} unit={unit} />],
          [zh.plan.unknownCount, totals.unknownCount],
          [
            zh.plan.warnings,
            <Link key="w" href={`/plans/${plan.id}/warnings`} className="text-amber-700 hover:underline">
              {plan._count.warnings}
            </Link>,
          ],
        ].map(([k, v], i) => (
          <div key={i} className="rounded bg-white p-3 shadow-sm">
            <dt className="text-xs text-slate-500">{k}</dt>
            <dd className="mt-1 text-lg font-semibold">{v}</dd>
          </div>
        ))}
      </dl>
      <div className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-sm">
        <Link href={`/projects?plan=${plan.id}`} className="text-sky-700 hover:underline">
          {zh.plan.viewProjects} →
        </Link>
        {plan.hasProjectList && (
          <Link href={`/plans/${plan.id}/reporting`} className="text-sky-700 hover:underline">
            填报情况 →
          </Link>
        )}
        <Link href={`/plans/${plan.id}/indicators`} className="text-sky-700 hover:underline" data-testid="plan-indicators-link">
          主要指标 →
        </Link>
        {grantOf(user.role, "plan.manage") && (
          <Link href={`/plans/${plan.id}/settings`} className="text-sky-700 hover:underline" data-testid="plan-settings-link">
            {zhPlans.settings.link} →
          </Link>
        )}
        {grantOf(user.role, "plan.manage") && !plan.archivedAt && plan.hasProjectList && (
          <Link href={`/plans/${plan.id}/carry-over`} className="text-sky-700 hover:underline" data-testid="plan-carry-over-link">
            {zhPlans.settings.carryOver} →
          </Link>
        )}
        {plan.hasProjectList && canExport && (
          <span className="ml-auto">
            <DownloadButton href={`/api/v1/exports/template?plan=${plan.id}`} label={zhPlans.template.linkPlan} testId="plan-template" />
          </span>
        )}
      </div>
      {byUnit.some((r) => r.id !== null) && (
        <section className="mt-6">
          <h2 className="mb-2 font-semibold">{zh.plan.units}</h2>
          {table(byUnit, "unit", zh.project.unit)}
        </section>
      )}
      <section className="mt-6">
        <h2 className="mb-2 font-semibold">{zh.plan.sections}</h2>
        {table(bySection, "section", zh.project.section)}
      </section>
      {canExport && <ExportPanel planId={plan.id} units={options.units} money={unit} {...periodChoices(plan)} />}
    </>
  );
}
