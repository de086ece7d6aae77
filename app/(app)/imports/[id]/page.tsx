import Link from "next/link";
import { DataTable } from "@/components/data-table";
import { formatDateTime } from "@/lib/dates";
import { fieldLabel } from "@/lib/i18n/field-labels";
import { zhExcel } from "@/lib/i18n/zh-CN-excel";
import { REGION_SCOPE, zhIndicatorImport } from "@/lib/i18n/zh-CN-indicator-import";
import { zhPlans } from "@/lib/i18n/zh-CN-plans";
import { UNIT_LABEL } from "@/lib/money";
import { requireUser } from "@/lib/server/auth/current-user";
import { getImport } from "@/lib/server/imports/get-import";
import type { PreviewRow } from "@/lib/server/imports/plan-changes";
import { orForbidden } from "@/lib/ui/or-forbidden";
import { idParam, orNotFound } from "@/lib/ui/or-not-found";
import { ConfirmButton } from "./confirm-button";
import type { Metadata } from "next";

const T = zhExcel.import;
const STATE_STYLE: Record<string, string> = {
  new: "bg-emerald-100 text-emerald-800",
  changed: "bg-amber-100 text-amber-800",
  unchanged: "bg-slate-100 text-slate-600",
  rejected: "bg-red-100 text-red-800",
};
const label = (field: string) => zhExcel.fields[field] ?? fieldLabel(field);
const shown = (v: string | null) => (v === null || v === "" ? "（空）" : v);

export const metadata: Metadata = { title: T.preview };

export default async function ImportPreviewPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const id = idParam((await params).id);
  const sp = await searchParams;
  const view = await orForbidden(orNotFound(getImport(await requireUser(), { id, state: sp.state, page: sp.page })));
  if (!view.ok) return view.page;
  const { batch, plan, summary, rows, state, page, pages, total } = view.data;
  const c = summary.counts;
  // An indicator-values sheet lists cells (indicator × scope × year), not projects.
  const indicators = summary.layout === "indicatorValues";
  const href = (s: string, p = 1) => `/imports/${batch.id}?state=${s}${p > 1 ? `&page=${p}` : ""}`;
  return (
    <>
      <p className="text-sm text-slate-500">
        <Link href="/imports" className="hover:underline">
          {T.title}
        </Link>
      </p>
      <h1 className="mt-1 text-xl font-semibold">
        {T.preview} #{batch.id} · {batch.fileName}
      </h1>
      <p className="mt-1 text-sm text-slate-600">
        {plan.title} · {T.layout[summary.layout]} · {summary.moneyUnit ? T.moneyUnit(UNIT_LABEL[summary.moneyUnit]) : ""} · {batch.createdBy} ·{" "}
        {formatDateTime(batch.createdAt)}
      </p>
      <ul className="mt-3 space-y-1 text-sm" data-testid="import-notes">
        {summary.alreadyImported && (
          <li className="rounded bg-amber-50 px-3 py-1 text-amber-900">
            {T.alreadyImported(summary.alreadyImported.id, formatDateTime(summary.alreadyImported.at))}
          </li>
        )}
        {summary.unknownHeaders.length > 0 && <li className="rounded bg-amber-50 px-3 py-1 text-amber-900">{T.unknownHeaders(summary.unknownHeaders)}</li>}
        {summary.ignoredHeaders.length > 0 && <li className="rounded bg-slate-50 px-3 py-1 text-slate-700">{T.ignoredHeaders(summary.ignoredHeaders)}</li>}
        {summary.skippedSheets.length > 0 && <li className="rounded bg-slate-50 px-3 py-1 text-slate-700">{T.skippedSheets(summary.skippedSheets)}</li>}
        {summary.newSections.length > 0 && batch.status !== "COMMITTED" && (
          <li className="rounded bg-emerald-50 px-3 py-1 text-emerald-900" data-testid="import-new-sections">
            {zhPlans.import.newSections(summary.newSections)}
          </li>
        )}
      </ul>
      <div className="mt-3 rounded bg-white p-3 text-sm shadow-sm">
        <p data-testid="import-counts">{indicators ? zhIndicatorImport.counts(c) : T.counts(c)}</p>
        {batch.status === "COMMITTED" ? (
          <p className="mt-2 text-emerald-700" data-testid="import-committed">
            {T.committed(formatDateTime(batch.committedAt!))} {summary.result && T.result(summary.result)}
          </p>
        ) : c.new + c.changed > 0 ? (
          <div className="mt-2">
            <p className="mb-2 text-slate-600">{T.rejectedNote}</p>
            <ConfirmButton batchId={batch.id} />
          </div>
        ) : (
          <p className="mt-2 text-slate-600">{T.nothingToDo}</p>
        )}
      </div>
      <nav className="mt-4 flex gap-2 text-sm" data-testid="import-tabs">
        {Object.entries(T.states).map(([s, name]) => (
          <Link
            key={s}
            href={href(s)}
            className={`rounded px-3 py-1 ${state === s ? "bg-sky-700 text-white" : "bg-white ring-1 ring-slate-300 hover:bg-slate-100"}`}
          >
            {name}
            {s !== "all" && ` ${c[s as keyof typeof c]}`}
          </Link>
        ))}
      </nav>
      <div className="mt-2">
        <DataTable
          testId="import-rows"
          rows={rows}
          rowKey={(r) => `${r.sheet}-${r.row}-${r.year ?? ""}`}
          rowProps={(r) => ({ "data-state": r.state })}
          empty="—"
          columns={[
            {
              key: "position",
              header: "位置",
              nowrap: true,
              cell: (r) => (
                <span className="text-slate-500">
                  {T.sheetRow(r.sheet, r.row)}
                  {r.year !== undefined && ` · ${r.year}年`}
                </span>
              ),
            },
            {
              key: "state",
              header: "结果",
              cell: (r) => <span className={`rounded px-1.5 text-xs whitespace-nowrap ${STATE_STYLE[r.state]}`}>{T.states[r.state]}</span>,
            },
            {
              key: "name",
              header: indicators ? "指标" : "项目名称",
              cell: (r) =>
                r.indicatorId ? (
                  <Link href={`/plans/${plan.id}/indicators/${r.indicatorId}`} className="text-sky-700 hover:underline">
                    {r.name || "—"}
                  </Link>
                ) : r.projectId ? (
                  <Link href={`/projects/${r.projectId}`} className="text-sky-700 hover:underline">
                    {r.name || "—"}
                  </Link>
                ) : (
                  r.name || "—"
                ),
            },
            { key: "unit", header: indicators ? "范围" : "单位", nowrap: true, cell: (r) => r.unit ?? (indicators ? REGION_SCOPE : "—") },
            { key: "detail", header: "详情", cell: (r) => <Detail row={r} /> },
          ]}
        />
      </div>
      {pages > 1 && (
        <nav className="mt-3 flex items-center gap-3 text-sm">
          {page > 1 && (
            <Link href={href(state, page - 1)} className="text-sky-700 hover:underline">
              上一页
            </Link>
          )}
          <span>
            第 {page} / {pages} 页 · 共 {total} 行
          </span>
          {page < pages && (
            <Link href={href(state, page + 1)} className="text-sky-700 hover:underline">
              下一页
            </Link>
          )}
        </nav>
      )}
    </>
  );
}

function Detail({ row }: { row: PreviewRow }) {
  if (row.state === "rejected")
    return (
      <ul className="text-red-800">
        {row.reasons?.map((x, i) => (
          <li key={i}>
            <span className="font-medium">{x.column}</span>：{x.message}
          </li>
        ))}
      </ul>
    );
  if (row.state === "changed")
    return (
      <ul>
        {row.changes?.map((x) => (
          <li key={x.field}>
            {label(x.field)}：<span className="text-slate-500 line-through">{shown(x.old)}</span> → <span className="font-medium">{shown(x.new)}</span>
          </li>
        ))}
        {row.correction && <li className="text-amber-800">{zhIndicatorImport.correction}</li>}
      </ul>
    );
  if (row.state === "new")
    return (
      <span className="text-slate-600">
        {row.changes
          ?.filter((x) => x.field !== "name")
          .map((x) => `${label(x.field)}：${shown(x.new)}`)
          .join("；")}
        {row.children ? ` ${T.children(row.children)}` : ""}
      </span>
    );
  return <span className="text-slate-600">—</span>;
}
