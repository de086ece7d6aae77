"use client";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { saveReportGridAction } from "./actions";
import { ReportStatus } from "@/components/report-status";
import type { GridRow } from "@/lib/server/reports/grid-rows";

type RowResult = { ok: boolean; message?: string; fieldErrors?: Record<string, string[]>; warnings?: string[] };
type Values = { rows: (GridRow & { submit: boolean })[] };

const cell = "w-full rounded border border-slate-300 px-1.5 py-1 text-sm disabled:bg-slate-50 disabled:text-slate-500";

export function ReportGrid({ period, rows: initialRows }: { period: string; rows: GridRow[] }) {
  // Status and version change as rows are saved; the typed values stay in the form.
  const [rows, setRows] = useState(initialRows);
  const [results, setResults] = useState<Record<number, RowResult>>({});
  const [summary, setSummary] = useState<string | null>(null);
  const { register, handleSubmit, formState, setValue } = useForm<Values>({ defaultValues: { rows: initialRows.map((r) => ({ ...r, submit: false })) } });
  const editable = (r: GridRow) => r.status === null || r.status === "DRAFT" || r.status === "RETURNED";

  const onSubmit = handleSubmit(async (values) => {
    // Rows the officer touched: anything typed in an editable row.
    const dirty = formState.dirtyFields.rows ?? [];
    const send = values.rows.filter((r, i) => editable(rows[i]) && (dirty[i] || r.submit));
    if (send.length === 0) {
      setSummary("没有修改的行。");
      return;
    }
    const result = await saveReportGridAction({
      period,
      rows: send.map((r) => ({
        projectId: r.projectId,
        version: r.version ?? undefined,
        moneyUnit: "wan",
        annualPlan: r.annualPlan,
        completedAmount: r.completedAmount,
        progressPercent: r.progressPercent,
        progressText: r.progressText,
        problems: r.problems,
        nextSteps: r.nextSteps,
        outOfPeriodReason: r.outOfPeriodReason,
        submit: r.submit,
      })),
    });
    if (!result.ok) {
      setSummary(result.message);
      return;
    }
    setResults(
      Object.fromEntries(
        result.data.results.map((r) => [
          r.projectId,
          r.ok ? { ok: true, warnings: r.data.warnings } : { ok: false, message: r.message, fieldErrors: r.fieldErrors },
        ]),
      ),
    );
    setRows((current) =>
      current.map((row, i) => {
        const saved = result.data.results.find((r) => r.projectId === row.projectId);
        if (!saved?.ok) return row;
        setValue(`rows.${i}.version`, saved.data.version);
        setValue(`rows.${i}.submit`, false);
        return { ...row, version: saved.data.version, status: saved.data.status };
      }),
    );
    setSummary(`已保存 ${result.data.saved} 行${result.data.failed ? `，${result.data.failed} 行未保存（见红色提示）` : ""}。`);
  });

  return (
    <form onSubmit={onSubmit} noValidate>
      <div className="overflow-x-auto">
        <table className="w-full min-w-[1100px] bg-white text-sm shadow-sm" data-testid="report-grid">
          <thead className="bg-slate-100 text-left text-slate-600">
            <tr>
              <th className="px-2 py-2">项目</th>
              <th className="px-2 py-2">状态</th>
              <th className="w-28 px-2 py-2">年度计划投资</th>
              <th className="w-28 px-2 py-2">本期完成投资</th>
              <th className="w-20 px-2 py-2">形象进度%</th>
              <th className="px-2 py-2">形象进度说明</th>
              <th className="px-2 py-2">存在问题</th>
              <th className="px-2 py-2">下步计划</th>
              <th className="px-2 py-2">提交</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => {
              const res = results[r.projectId];
              const off = !editable(r);
              return (
                <tr key={r.projectId} className="border-t align-top" data-testid={`grid-row-${r.projectId}`}>
                  <td className="px-2 py-2">
                    <div className="font-medium">{r.name}</div>
                    {r.reviewComment && r.status === "RETURNED" && <div className="text-xs text-red-700">退回意见：{r.reviewComment}</div>}
                    {res && !res.ok && (
                      <div className="mt-1 text-xs text-red-700" data-testid="row-error">
                        {res.message}
                        {Object.values(res.fieldErrors ?? {})
                          .flat()
                          .map((m) => (
                            <div key={m}>· {m}</div>
                          ))}
                      </div>
                    )}
                    {r.outside && (
                      <input
                        {...register(`rows.${i}.outOfPeriodReason`)}
                        disabled={off}
                        placeholder={`不在建设期（${r.startYear ?? "?"}–${r.endYear ?? "?"}）内，请说明原因`}
                        className={`${cell} mt-1 text-xs`}
                        aria-label={`${r.name} 超出建设期说明`}
                      />
                    )}
                    {res?.ok && (
                      <div className="mt-1 text-xs text-green-700" data-testid="row-saved">
                        ✓ 已保存
                      </div>
                    )}
                    {res?.warnings?.map((w) => (
                      <div key={w} className="text-xs text-amber-700">
                        ⚠ {w}
                      </div>
                    ))}
                  </td>
                  <td className="px-2 py-2">
                    <ReportStatus status={r.status} />
                  </td>
                  <td className="px-2 py-2">
                    <input {...register(`rows.${i}.annualPlan`)} inputMode="decimal" disabled={off} className={cell} aria-label={`${r.name} 年度计划投资`} />
                  </td>
                  <td className="px-2 py-2">
                    <input
                      {...register(`rows.${i}.completedAmount`)}
                      inputMode="decimal"
                      disabled={off}
                      className={cell}
                      aria-label={`${r.name} 本期完成投资`}
                    />
                  </td>
                  <td className="px-2 py-2">
                    <input {...register(`rows.${i}.progressPercent`)} inputMode="decimal" disabled={off} className={cell} aria-label={`${r.name} 形象进度`} />
                  </td>
                  <td className="px-2 py-2">
                    <input {...register(`rows.${i}.progressText`)} disabled={off} className={cell} aria-label={`${r.name} 形象进度说明`} />
                  </td>
                  <td className="px-2 py-2">
                    <input {...register(`rows.${i}.problems`)} disabled={off} className={cell} aria-label={`${r.name} 存在问题`} />
                  </td>
                  <td className="px-2 py-2">
                    <input {...register(`rows.${i}.nextSteps`)} disabled={off} className={cell} aria-label={`${r.name} 下步计划`} />
                  </td>
                  <td className="px-2 py-2 text-center">
                    <input type="checkbox" {...register(`rows.${i}.submit`)} disabled={off} aria-label={`${r.name} 提交`} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div className="mt-3 flex items-center gap-3">
        <button type="submit" disabled={formState.isSubmitting} className="rounded bg-sky-700 px-4 py-1.5 text-white hover:bg-sky-800 disabled:opacity-60">
          {formState.isSubmitting ? "保存中…" : "保存（勾选“提交”的行同时提交审核）"}
        </button>
        {summary && (
          <span className="text-sm" data-testid="grid-summary">
            {summary}
          </span>
        )}
      </div>
    </form>
  );
}
