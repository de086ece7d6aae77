import Link from "next/link";
import { DataTable } from "@/components/data-table";
import { DownloadButton } from "@/components/excel/download-button";
import { FilterSelect } from "@/components/filter-select";
import { IndicatorStatusChip, IndicatorTrend } from "@/components/indicators/indicator-status";
import { IndicatorSummary } from "@/components/indicators/indicator-summary";
import { EvaluationDownload } from "@/components/indicators/evaluation-download";
import { chinaYear } from "@/lib/dates";
import { zhIndicatorImport } from "@/lib/i18n/zh-CN-indicator-import";
import { evaluationChoices } from "@/lib/evaluation";
import { STATUS_LABELS, STATUS_ORDER, type IndicatorStatus } from "@/lib/indicators/assess";
import { can } from "@/lib/server/auth/authorize";
import { requireUser } from "@/lib/server/auth/current-user";
import { ATTRIBUTE_LABEL, type IndicatorFigure } from "@/lib/server/indicators/indicator-figures";
import { listIndicators } from "@/lib/server/indicators/list-indicators";
import { idParam, orNotFound } from "@/lib/ui/or-not-found";
import { IndicatorCreateForm } from "./indicator-create-form";
import { planPageTitle } from "@/lib/ui/page-title";

type Search = { attribute?: string; status?: string; submitted?: string };

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  return planPageTitle((await params).id, "主要指标");
}

// A plan's 主要指标: baseline, each year's value (the plan's region), target, status and trend.
// Official values only, unless 含待审核 is ticked.
export default async function IndicatorsPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Search> }) {
  const id = idParam((await params).id);
  const sp = await searchParams;
  const user = await requireUser();
  const data = await orNotFound(listIndicators(user, { plan: id, submitted: sp.submitted === "1" }));
  const manage = !data.plan.archivedAt && (await can(user, "plan.manage"));
  const [exportable, importable] = await Promise.all([can(user, "export.run"), can(user, "import.run")]);
  const years = Array.from(
    { length: Math.max(0, Math.min(chinaYear(), data.plan.periodEnd) - data.plan.periodStart + 1) },
    (_, i) => data.plan.periodStart + i,
  );
  const rows = data.indicators.filter((r) => (!sp.attribute || r.indicator.attribute === sp.attribute) && (!sp.status || r.assessment.status === sp.status));
  const regional = (r: IndicatorFigure, year: number) => r.values.find((v) => v.unitId === null && v.year === year);
  return (
    <>
      <p className="text-sm text-slate-500">
        <Link href={`/plans/${id}`} className="hover:underline">
          {data.plan.title}
        </Link>
      </p>
      <div className="mt-1 flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-semibold">主要指标</h1>
        <span className="ml-auto flex items-center gap-3">
          {exportable && <DownloadButton href={`/api/v1/exports/indicators?plan=${id}`} label={zhIndicatorImport.link} testId="indicator-template" />}
          {importable && !data.plan.archivedAt && (
            <Link href={`/imports?plan=${id}`} className="text-sm text-sky-700 hover:underline" data-testid="indicator-import">
              {zhIndicatorImport.importLink}
            </Link>
          )}
        </span>
      </div>
      <p className="mt-1 text-sm text-slate-600">
        共 {data.indicators.length} 项。{data.official ? "数值均为审核通过的正式数据。" : "含待审核数值（标“审”），非正式数据。"}
      </p>
      <div className="mt-3">
        <IndicatorSummary planId={id} figures={data.indicators} />
      </div>
      {(await can(user, "export.run")) && <EvaluationDownload planId={id} choices={evaluationChoices(data.plan, chinaYear())} />}
      <form method="get" className="my-3 grid grid-cols-2 items-end gap-3 rounded bg-white p-3 text-sm shadow-sm md:grid-cols-4">
        <FilterSelect
          label="属性"
          name="attribute"
          value={sp.attribute}
          options={[
            { value: "BINDING", label: "约束性" },
            { value: "EXPECTED", label: "预期性" },
          ]}
        />
        <FilterSelect
          label="状态"
          name="status"
          value={sp.status}
          options={STATUS_ORDER.map((s) => ({ value: s, label: STATUS_LABELS[s as IndicatorStatus] }))}
        />
        <label className="flex items-center gap-2">
          <input type="checkbox" name="submitted" value="1" defaultChecked={sp.submitted === "1"} />
          含待审核
        </label>
        <button type="submit" className="rounded bg-sky-700 px-3 py-1.5 text-white">
          筛选
        </button>
      </form>
      <DataTable
        testId="indicators-table"
        rows={rows}
        rowKey={(r) => r.indicator.id}
        empty="本规划没有主要指标。"
        rowProps={(r) => ({ "data-testid": "indicator-row", "data-name": r.indicator.shortName })}
        columns={[
          { key: "category", header: "领域", nowrap: true, cell: (r) => r.indicator.category ?? "—" },
          {
            key: "name",
            header: "指标",
            className: "min-w-44",
            cell: (r) => (
              <Link href={`/plans/${id}/indicators/${r.indicator.id}`} className="text-sky-700 hover:underline">
                {r.indicator.name}
              </Link>
            ),
          },
          { key: "attribute", header: "属性", nowrap: true, cell: (r) => (r.indicator.attribute ? ATTRIBUTE_LABEL[r.indicator.attribute] : "—") },
          { key: "baseline", header: `${years[0] - 1}年基期`, numeric: true, cell: (r) => r.indicator.baselineText ?? "—" },
          ...years.map((year) => ({
            key: `y${year}`,
            header: `${year}年`,
            numeric: true,
            cell: (r: IndicatorFigure) => {
              const v = regional(r, year);
              if (!v) return <span className="text-slate-600">—</span>;
              return (
                <span title={v.reviewState === "SUBMITTED" ? "待审核" : "已审核"}>
                  {v.value}
                  {v.reviewState === "SUBMITTED" && <sup className="text-sky-700">审</sup>}
                </span>
              );
            },
          })),
          { key: "target", header: "目标", numeric: true, className: "min-w-24", cell: (r) => r.indicator.targetText ?? "—" },
          { key: "status", header: "状态", cell: (r) => <IndicatorStatusChip status={r.assessment.status} label={r.assessment.label} /> },
          {
            key: "trend",
            header: "趋势",
            cell: (r) => (
              <IndicatorTrend
                baseline={{ year: r.indicator.baselineYear ?? years[0] - 1, value: r.indicator.baselineValue?.toFixed() ?? null }}
                target={{ year: r.indicator.targetYear ?? data.plan.periodEnd, value: r.indicator.targetValue?.toFixed() ?? null }}
                points={r.values.filter((v) => v.unitId === null).map((v) => ({ year: v.year, value: v.value }))}
              />
            ),
          },
        ]}
      />
      {manage && (
        <details className="mt-6">
          <summary className="cursor-pointer text-sm text-sky-700">新增指标（按规划原文填写）</summary>
          <div className="mt-2">
            <IndicatorCreateForm planId={id} baselineYear={data.plan.periodStart - 1} targetYear={data.plan.periodEnd} />
          </div>
        </details>
      )}
    </>
  );
}
