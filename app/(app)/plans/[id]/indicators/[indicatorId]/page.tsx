import Link from "next/link";
import { notFound } from "next/navigation";
import { AuditTable } from "@/components/audit-table";
import { DataTable } from "@/components/data-table";
import { IndicatorStatusChip } from "@/components/indicators/indicator-status";
import { ReportStatus } from "@/components/report-status";
import { chinaYear, formatDateTime } from "@/lib/dates";
import { can } from "@/lib/server/auth/authorize";
import { requireUser } from "@/lib/server/auth/current-user";
import { getIndicator } from "@/lib/server/indicators/get-indicator";
import { JUDGEMENT_RESULTS } from "@/lib/indicators/assess";
import { ATTRIBUTE_LABEL } from "@/lib/server/indicators/indicator-figures";
import { idParam, orNotFound } from "@/lib/ui/or-not-found";
import { DirectionForm } from "./direction-form";
import { JudgementForm } from "./judgement-form";
import { IndicatorReviewButtons } from "./review-buttons";
import { IndicatorValueForm } from "./value-form";
import { planPageTitle } from "@/lib/ui/page-title";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  return planPageTitle((await params).id, "指标详情");
}

// One indicator: as printed (with its source row), every value with its review state, the reviewer's
// decisions, the form to report a value, qualitative judgements and the audit trail.
export default async function IndicatorPage({ params }: { params: Promise<{ id: string; indicatorId: string }> }) {
  const p = await params;
  const planId = idParam(p.id);
  const user = await requireUser();
  const { indicator: ind, figure, names, history } = await orNotFound(getIndicator(user, { id: idParam(p.indicatorId) }));
  if (ind.planId !== planId) notFound();
  const first = ind.baselineYear ?? ind.plan.periodStart - 1;
  const years = Array.from({ length: Math.max(0, chinaYear() - first + 1) }, (_, i) => first + i).filter((y) => y <= chinaYear());
  // The scopes this user may report for: the plan's region (plan office) and the units they hold.
  const regionWide = await can(user, "indicator.write");
  const units = [
    ...(regionWide ? [{ id: null, name: "全域（规划范围）" }] : []),
    ...ind.plan.units.filter((u) => regionWide || user.unitIds.includes(u.id)).map((u) => ({ id: u.id, name: u.name })),
  ];
  const writable = !ind.plan.archivedAt && units.length > 0 && (await can(user, "indicator.write", units[0].id === null ? null : { unit: units[0].id }));
  const reviewer = !ind.plan.archivedAt && (await can(user, "indicator.review"));
  const manage = !ind.plan.archivedAt && (await can(user, "plan.manage"));
  // Per-unit comparison: official (and shown) unit values by year.
  const unitValues = figure.values.filter((v) => v.unitId !== null);
  const unitYears = [...new Set(unitValues.map((v) => v.year))].sort();
  const unitRows = ind.plan.units.filter((u) => unitValues.some((v) => v.unitId === u.id));
  const current = ind.values.filter((v) => v.isCurrent);
  return (
    <>
      <p className="text-sm text-slate-500">
        <Link href={`/plans/${planId}/indicators`} className="hover:underline">
          {ind.plan.title} · 主要指标
        </Link>
      </p>
      <h1 className="mt-1 text-xl font-semibold">{ind.name}</h1>
      <dl className="mt-3 grid grid-cols-2 gap-x-6 gap-y-2 rounded bg-white p-4 text-sm shadow-sm md:grid-cols-4">
        <div>
          <dt className="text-slate-500">领域</dt>
          <dd>{ind.category ?? "—"}</dd>
        </div>
        <div>
          <dt className="text-slate-500">属性</dt>
          <dd>{ind.attribute ? ATTRIBUTE_LABEL[ind.attribute] : "—"}</dd>
        </div>
        <div>
          <dt className="text-slate-500">{ind.baselineYear ?? "—"}年基期</dt>
          <dd>{ind.baselineText ?? "—"}</dd>
        </div>
        <div>
          <dt className="text-slate-500">{ind.targetYear ?? "—"}年目标</dt>
          <dd>
            {ind.targetText ?? "—"}
            {ind.direction && <span className="ml-1 text-slate-500">（{ind.direction === "HIGHER" ? "越高越好" : "越低越好"}）</span>}
          </dd>
          {manage && !["GTE", "GT", "LTE", "LT"].includes(ind.targetComparator) && ind.targetComparator !== "QUALITATIVE" && (
            <dd className="mt-1">
              <DirectionForm id={ind.id} version={ind.version} direction={ind.direction} />
            </dd>
          )}
        </div>
        <div className="col-span-2 md:col-span-4">
          <dt className="text-slate-500">评估</dt>
          <dd className="mt-0.5">
            <IndicatorStatusChip status={figure.assessment.status} label={figure.assessment.label} />
            {figure.latest && (
              <span className="ml-2 text-slate-600">
                {figure.latest.year} 年 {figure.latest.value}
                {figure.assessment.expected && `（按基期至目标的直线进度，应为 ${figure.assessment.expected}）`}
              </span>
            )}
          </dd>
        </div>
        {ind.sourceText && (
          <div className="col-span-2 md:col-span-4">
            <dt className="text-slate-500">
              出处：{ind.sourceFile} 第 {ind.sourceLine} 行
            </dt>
            <dd className="mt-0.5 rounded bg-slate-50 px-2 py-1 font-mono text-xs" data-testid="indicator-source">
              {ind.sourceText}
            </dd>
          </div>
        )}
      </dl>
      {ind.warnings.length > 0 && (
        <ul className="mt-3 space-y-1 rounded border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900" data-testid="indicator-warnings">
          {ind.warnings.map((w) => (
            <li key={w.id}>⚠ {w.message}</li>
          ))}
        </ul>
      )}

      <h2 className="mt-6 mb-2 text-lg font-semibold">监测值</h2>
      <DataTable
        testId="indicator-values"
        rows={ind.values}
        rowKey={(v) => v.id}
        empty="尚无监测值。"
        rowProps={(v) => ({ "data-testid": "indicator-value-row", "data-year": String(v.year) })}
        columns={[
          { key: "year", header: "年度", cell: (v) => v.year },
          { key: "scope", header: "范围", cell: (v) => v.unit?.name ?? "全域" },
          { key: "value", header: "数值", numeric: true, cell: (v) => v.value.toFixed() },
          { key: "source", header: "数据来源", cell: (v) => v.dataSource },
          { key: "state", header: "状态", cell: (v) => <ReportStatus status={v.status} /> },
          {
            key: "rev",
            header: "版本",
            cell: (v) =>
              `第 ${v.revision} 版${v.isOfficial ? "（正式）" : ""}${v.isCurrent ? "" : "（已被更正）"}${v.correctionReason ? `：${v.correctionReason}` : ""}`,
          },
          {
            key: "who",
            header: "填报 / 审核",
            cell: (v) =>
              [
                v.submittedById && `${names.get(v.submittedById) ?? ""} ${v.submittedAt ? formatDateTime(v.submittedAt) : ""}`,
                v.reviewedById && `审核：${names.get(v.reviewedById) ?? ""}${v.reviewComment ? `（${v.reviewComment}）` : ""}`,
              ]
                .filter(Boolean)
                .join("；"),
          },
          {
            key: "decide",
            header: "",
            cell: (v) =>
              reviewer && v.status === "SUBMITTED" && v.isCurrent && v.submittedById !== user.id && <IndicatorReviewButtons id={v.id} version={v.version} />,
          },
        ]}
      />
      {unitRows.length > 0 && (
        <>
          <h2 className="mt-6 mb-2 text-lg font-semibold">各单位对比</h2>
          <DataTable
            testId="indicator-units"
            rows={unitRows}
            rowKey={(u) => u.id}
            columns={[
              { key: "unit", header: "单位", cell: (u) => u.name },
              ...unitYears.map((year) => ({
                key: `y${year}`,
                header: `${year}年`,
                numeric: true,
                cell: (u: (typeof unitRows)[number]) => unitValues.find((v) => v.unitId === u.id && v.year === year)?.value ?? "—",
              })),
            ]}
          />
        </>
      )}
      {writable && years.length > 0 && (
        <>
          <h2 className="mt-6 mb-2 text-lg font-semibold">填报监测值</h2>
          <IndicatorValueForm
            indicatorId={ind.id}
            years={years}
            units={units}
            current={current.map((v) => ({
              year: v.year,
              unitId: v.unitId,
              value: v.value.toFixed(),
              dataSource: v.dataSource,
              note: v.note,
              version: v.version,
              status: v.status,
            }))}
          />
        </>
      )}
      {ind.targetComparator === "QUALITATIVE" && (
        <>
          <h2 className="mt-6 mb-2 text-lg font-semibold">定性评估</h2>
          <ul className="mb-2 text-sm">
            {ind.judgements.map((j) => (
              <li key={j.id}>
                {j.year} 年：{JUDGEMENT_RESULTS[j.result]}——{j.reason}（{names.get(j.judgedById)}，{formatDateTime(j.judgedAt)}）
              </li>
            ))}
            {ind.judgements.length === 0 && <li className="text-slate-500">尚未评估。该指标目标为定性表述，由审核人按年度作出判断。</li>}
          </ul>
          {reviewer && years.length > 0 && (
            <JudgementForm
              indicatorId={ind.id}
              years={years}
              current={ind.judgements.map((j) => ({ year: j.year, result: j.result, reason: j.reason, version: j.version }))}
            />
          )}
        </>
      )}
      <h2 className="mt-6 mb-2 text-lg font-semibold">变更记录</h2>
      <AuditTable rows={history} />
    </>
  );
}
