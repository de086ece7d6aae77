"use client";
import { useRef, useState, type ClipboardEvent, type KeyboardEvent } from "react";
import { saveReportGridAction, submitReportGridAction } from "./actions";
import { ReportStatus } from "@/components/report-status";
import { UnsavedMark, useUnsavedChanges } from "@/components/unsaved-changes";
import { parseClipboardTable } from "@/lib/clipboard-table";
import type { MoneyUnit } from "@/lib/money";
import type { GridRow } from "@/lib/server/reports/grid-rows";

// The columns a cell cursor moves through (Tab/Enter) and a pasted block fills, in order.
const COLUMNS = [
  { field: "annualPlan", label: "年度计划投资", amount: true },
  { field: "completedAmount", label: "本期完成投资", amount: true, required: true },
  { field: "progressPercent", label: "形象进度%", amount: true },
  { field: "progressText", label: "形象进度说明" },
  { field: "problems", label: "存在问题" },
  { field: "nextSteps", label: "下步计划" },
] as const;
type Field = (typeof COLUMNS)[number]["field"] | "outOfPeriodReason";
type Values = Record<Field, string>;
type Errors = Record<string, string[]>;
const FIELDS: Field[] = [...COLUMNS.map((c) => c.field), "outOfPeriodReason"];

const valuesOf = (r: GridRow): Values => Object.fromEntries(FIELDS.map((f) => [f, r[f] ?? ""])) as Values;
const editable = (r: GridRow) => r.status === null || r.status === "DRAFT" || r.status === "RETURNED";
const same = (a: Values, b: Values) => FIELDS.every((f) => a[f] === b[f]);

const cellClass =
  "block w-full rounded border border-slate-400 px-1.5 py-1 text-sm disabled:bg-slate-50 disabled:text-slate-500 aria-[invalid=true]:border-red-600 aria-[invalid=true]:bg-red-50";

type Summary = { drafts: string[]; submitted: string[]; refused: { name: string; errors: string[] }[]; note?: string };

export function ReportGrid({ period, unit, rows: initialRows }: { period: string; unit: MoneyUnit; rows: GridRow[] }) {
  // Server facts per row (status, version, report id) change as rows are saved; typed values live in
  // `values`, the last saved ones in `saved` (a row differing from it is unsaved).
  const [rows, setRows] = useState(initialRows);
  const [values, setValues] = useState<Record<number, Values>>(() => Object.fromEntries(initialRows.map((r) => [r.projectId, valuesOf(r)])));
  const [saved, setSaved] = useState<Record<number, Values>>(() => Object.fromEntries(initialRows.map((r) => [r.projectId, valuesOf(r)])));
  const [errors, setErrors] = useState<Record<number, Errors>>({});
  const [warnings, setWarnings] = useState<Record<number, string[]>>({});
  const [summary, setSummary] = useState<Summary | null>(null);
  const [busy, setBusy] = useState(false);
  const cells = useRef(new Map<string, HTMLInputElement | HTMLTextAreaElement>());

  const dirtyIds = rows.filter((r) => editable(r) && !same(values[r.projectId], saved[r.projectId])).map((r) => r.projectId);
  const dirty = new Set(dirtyIds);
  useUnsavedChanges(dirtyIds.length > 0);

  const setCell = (projectId: number, field: Field, value: string) => setValues((v) => ({ ...v, [projectId]: { ...v[projectId], [field]: value } }));
  const focusCell = (row: number, col: number) => {
    const el = cells.current.get(`${row}:${col}`);
    if (!el) return false;
    el.focus();
    el.select?.();
    return true;
  };

  // Enter moves down (Shift+Enter up), Tab right (Shift+Tab left), as in Excel; Alt+Enter is a line break in a text cell.
  const onKeyDown = (e: KeyboardEvent<HTMLElement>, row: number, col: number) => {
    if (e.nativeEvent.isComposing) return; // an IME choosing characters
    if (e.key === "Enter" && !e.altKey && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      for (let r = row + (e.shiftKey ? -1 : 1); r >= 0 && r < rows.length; r += e.shiftKey ? -1 : 1) if (focusCell(r, col)) return;
    } else if (e.key === "Enter" && e.altKey && e.currentTarget instanceof HTMLTextAreaElement) {
      e.preventDefault();
      const t = e.currentTarget;
      const v = t.value.slice(0, t.selectionStart) + "\n" + t.value.slice(t.selectionEnd);
      setCell(rows[row].projectId, COLUMNS[col].field, v);
    } else if (e.key === "Tab") {
      const step = e.shiftKey ? -1 : 1;
      for (let i = row * COLUMNS.length + col + step; i >= 0 && i < rows.length * COLUMNS.length; i += step) {
        if (focusCell(Math.floor(i / COLUMNS.length), i % COLUMNS.length)) {
          e.preventDefault();
          return;
        }
      }
    }
  };

  // A block copied from Excel/WPS (tab-separated, one line a row, quoted cells may hold line breaks)
  // fills the grid from this cell rightwards and downwards; a single value pastes as usual.
  const onPaste = (e: ClipboardEvent<HTMLElement>, row: number, col: number) => {
    const text = e.clipboardData.getData("text/plain");
    const table = parseClipboardTable(text);
    if (table.length <= 1 && (table[0]?.length ?? 0) <= 1) return;
    e.preventDefault();
    let skipped = 0;
    setValues((current) => {
      const next = { ...current };
      table.forEach((cellsOfRow, i) => {
        const target = rows[row + i];
        if (!target) return void (skipped += 1);
        if (!editable(target)) return;
        const v = { ...next[target.projectId] };
        cellsOfRow.forEach((value, j) => {
          const column = COLUMNS[col + j];
          if (column) v[column.field] = "amount" in column ? value.replace(/\s/g, "") : value;
        });
        next[target.projectId] = v;
      });
      return next;
    });
    if (skipped) setSummary({ drafts: [], submitted: [], refused: [], note: `粘贴的内容比表格多 ${skipped} 行，多出的行已忽略。` });
  };

  const nameOf = (id: number) => rows.find((r) => r.projectId === id)?.name ?? String(id);
  const firstErrors = (e: Errors) => Object.values(e).flat();

  // Saves the given rows as drafts, then (when asked) submits the given rows' reports. Each row on
  // its own: valid rows are saved, bad ones keep what was typed and show why on their cells.
  async function run(saveIds: number[], submitIds: (current: GridRow[], failed: Set<number>) => number[]) {
    setBusy(true);
    const result: Summary = { drafts: [], submitted: [], refused: [] };
    const nextErrors = { ...errors };
    let current = rows;
    const failed = new Set<number>();
    try {
      if (saveIds.length) {
        const sent = Object.fromEntries(saveIds.map((id) => [id, values[id]]));
        const response = await saveReportGridAction({
          period,
          rows: saveIds.map((id) => {
            const r = current.find((x) => x.projectId === id)!;
            return {
              projectId: id,
              version: r.version ?? undefined,
              moneyUnit: unit,
              fundsCentral: r.fundsCentral,
              fundsProvincial: r.fundsProvincial,
              fundsLocal: r.fundsLocal,
              fundsSpecialBond: r.fundsSpecialBond,
              fundsSelf: r.fundsSelf,
              ...sent[id],
              submit: false,
            };
          }),
        });
        if (!response.ok) {
          setSummary({ ...result, note: response.message });
          return;
        }
        const savedNow: Record<number, Values> = {};
        const rowWarnings: Record<number, string[]> = {};
        for (const r of response.data.results) {
          if (r.ok) {
            savedNow[r.projectId] = sent[r.projectId];
            rowWarnings[r.projectId] = r.data.warnings;
            delete nextErrors[r.projectId];
            current = current.map((x) => (x.projectId === r.projectId ? { ...x, version: r.data.version, status: r.data.status, reportId: r.data.id } : x));
            result.drafts.push(nameOf(r.projectId));
          } else {
            failed.add(r.projectId);
            nextErrors[r.projectId] = r.errors;
            result.refused.push({ name: nameOf(r.projectId), errors: firstErrors(r.errors) });
          }
        }
        setSaved((s) => ({ ...s, ...savedNow }));
        setWarnings((w) => ({ ...w, ...rowWarnings }));
      }
      const toSubmit = submitIds(current, failed)
        .map((id) => current.find((x) => x.projectId === id)!)
        .filter((r) => r.reportId !== null && r.version !== null && (r.status === "DRAFT" || r.status === "RETURNED"));
      if (toSubmit.length) {
        const response = await submitReportGridAction({ items: toSubmit.map((r) => ({ id: r.reportId, version: r.version })) });
        if (!response.ok) result.note = response.message;
        else
          for (const [i, r] of response.data.results.entries()) {
            const row = toSubmit[i];
            if (r.ok) {
              current = current.map((x) => (x.projectId === row.projectId ? { ...x, version: r.data.version, status: "SUBMITTED" } : x));
              result.submitted.push(row.name);
            } else {
              nextErrors[row.projectId] = { _row: [`提交：${r.message}`] };
              result.refused.push({ name: row.name, errors: [`提交：${r.message}`] });
            }
          }
      }
      setRows(current);
      setErrors(nextErrors);
      setSummary(result);
    } finally {
      setBusy(false);
    }
  }

  const saveAll = () => (dirtyIds.length ? run(dirtyIds, () => []) : setSummary({ drafts: [], submitted: [], refused: [], note: "没有未保存的修改。" }));
  const submitRow = (r: GridRow) =>
    run(dirty.has(r.projectId) || r.reportId === null ? [r.projectId] : [], (_c, failed) => (failed.has(r.projectId) ? [] : [r.projectId]));
  const submitAllValid = () => {
    const candidates = rows.filter((r) => editable(r) && (r.reportId !== null || dirty.has(r.projectId)));
    if (candidates.length === 0) return setSummary({ drafts: [], submitted: [], refused: [], note: "没有可提交的行（请先填写并保存草稿）。" });
    if (!window.confirm(`将先保存未保存的行，再提交所有通过校验的草稿（最多 ${candidates.length} 行）。提交后审核前不能修改，确定吗？`)) return;
    return run(dirtyIds, (current, failed) =>
      current.filter((r) => (r.status === "DRAFT" || r.status === "RETURNED") && !failed.has(r.projectId)).map((r) => r.projectId),
    );
  };

  return (
    <div>
      <div className="mb-2 flex flex-wrap items-center gap-3 text-sm text-slate-600">
        <span>Enter 下移、Tab 右移；可从 Excel/WPS 复制一块单元格，在起始格粘贴。文本格内 Alt+Enter 换行。</span>
        <UnsavedMark dirty={dirtyIds.length > 0} text={`${dirtyIds.length} 行有未保存的修改`} />
      </div>
      <div className="md:overflow-x-auto">
        <table className="block w-full text-sm md:table md:min-w-[1100px] md:bg-white md:shadow-sm" data-testid="report-grid">
          <thead className="hidden bg-slate-100 text-left text-slate-600 md:table-header-group">
            <tr>
              <th className="w-56 px-2 py-2">项目</th>
              <th className="px-2 py-2">状态</th>
              {COLUMNS.map((c) => (
                <th key={c.field} className={`px-2 py-2 ${"amount" in c ? "w-28" : "min-w-44"}`}>
                  {c.label}
                  {"required" in c && (
                    <span aria-hidden="true" className="text-red-700">
                      *
                    </span>
                  )}
                </th>
              ))}
              <th className="px-2 py-2">提交</th>
            </tr>
          </thead>
          <tbody className="block space-y-3 md:table-row-group md:space-y-0">
            {rows.map((r, i) => {
              const off = !editable(r) || busy;
              const rowErrors = errors[r.projectId] ?? {};
              const isDirty = dirty.has(r.projectId);
              const v = values[r.projectId];
              const rowLevel = Object.entries(rowErrors)
                .filter(([f]) => !COLUMNS.some((c) => c.field === f) && f !== "outOfPeriodReason")
                .flatMap(([, m]) => m);
              return (
                <tr
                  key={r.projectId}
                  className={`block rounded border bg-white p-3 align-top shadow-sm md:table-row md:rounded-none md:border-0 md:border-t md:p-0 md:shadow-none ${
                    isDirty ? "border-l-4 border-l-amber-500" : ""
                  }`}
                  data-testid={`grid-row-${r.projectId}`}
                  data-dirty={isDirty ? "true" : undefined}
                >
                  <td className="block md:table-cell md:px-2 md:py-2">
                    <div className="font-medium" data-testid="grid-row-name">
                      {r.name}
                    </div>
                    {isDirty && (
                      <div className="text-xs text-amber-700" data-testid="row-unsaved">
                        ● 未保存
                      </div>
                    )}
                    {r.reviewComment && r.status === "RETURNED" && <div className="text-xs text-red-700">退回意见：{r.reviewComment}</div>}
                    {rowLevel.length > 0 && (
                      <div className="mt-1 text-xs text-red-700" data-testid="row-error" role="alert">
                        {rowLevel.map((m) => (
                          <div key={m}>{m}</div>
                        ))}
                      </div>
                    )}
                    {r.outside && (
                      <Cell
                        id={`${r.projectId}-outOfPeriodReason`}
                        label={`${r.name} 超出建设期说明`}
                        visibleLabel="超出建设期说明"
                        placeholder={`不在建设期（${r.startYear ?? "?"}–${r.endYear ?? "?"}）内，请说明原因`}
                        value={v.outOfPeriodReason}
                        disabled={off}
                        errors={rowErrors.outOfPeriodReason}
                        multiline
                        onChange={(x) => setCell(r.projectId, "outOfPeriodReason", x)}
                      />
                    )}
                    {warnings[r.projectId]?.map((w) => (
                      <div key={w} className="text-xs text-amber-700">
                        ⚠ {w}
                      </div>
                    ))}
                  </td>
                  <td className="block py-1 md:table-cell md:px-2 md:py-2">
                    <span className="mr-1 text-xs text-slate-500 md:hidden">状态</span>
                    <ReportStatus status={r.status} />
                  </td>
                  {COLUMNS.map((c, j) => (
                    <td key={c.field} className="block py-1 md:table-cell md:px-2 md:py-2">
                      <Cell
                        id={`${r.projectId}-${c.field}`}
                        label={`${r.name} ${c.label}`}
                        visibleLabel={c.label}
                        required={"required" in c}
                        value={v[c.field]}
                        disabled={off}
                        errors={rowErrors[c.field]}
                        multiline={!("amount" in c)}
                        inputMode={"amount" in c ? "decimal" : undefined}
                        onChange={(x) => setCell(r.projectId, c.field, x)}
                        onKeyDown={(e) => onKeyDown(e, i, j)}
                        onPaste={(e) => onPaste(e, i, j)}
                        refCallback={(el) => {
                          if (el) cells.current.set(`${i}:${j}`, el);
                          else cells.current.delete(`${i}:${j}`);
                        }}
                      />
                    </td>
                  ))}
                  <td className="block pt-2 md:table-cell md:px-2 md:py-2">
                    {editable(r) && (
                      <button
                        type="button"
                        disabled={busy}
                        onClick={() => submitRow(r)}
                        className="min-h-8 rounded px-3 text-sky-800 ring-1 ring-sky-300 disabled:opacity-60"
                        aria-label={`${r.name} 提交`}
                      >
                        提交
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <button type="button" disabled={busy} onClick={saveAll} className="rounded bg-sky-700 px-4 py-1.5 text-white hover:bg-sky-800 disabled:opacity-60">
          {busy ? "处理中…" : `保存草稿${dirtyIds.length ? `（${dirtyIds.length} 行）` : ""}`}
        </button>
        <button type="button" disabled={busy} onClick={submitAllValid} className="rounded px-4 py-1.5 ring-1 ring-slate-400 disabled:opacity-60">
          提交全部有效行
        </button>
      </div>
      <GridSummary summary={summary} />
    </div>
  );
}

function GridSummary({ summary }: { summary: Summary | null }) {
  return (
    <div role="status" aria-live="polite" className="mt-3 text-sm" data-testid="grid-summary">
      {summary && (
        <>
          {summary.note && <p>{summary.note}</p>}
          {(summary.drafts.length > 0 || summary.submitted.length > 0 || summary.refused.length > 0) && (
            <div className="rounded border bg-white p-3">
              <p className="font-medium">
                已保存草稿 {summary.drafts.length} 行、已提交 {summary.submitted.length} 行、未通过 {summary.refused.length} 行
              </p>
              {summary.drafts.length > 0 && <p className="mt-1 text-slate-700">草稿：{summary.drafts.join("、")}</p>}
              {summary.submitted.length > 0 && <p className="mt-1 text-sky-800">已提交：{summary.submitted.join("、")}</p>}
              {summary.refused.length > 0 && (
                <ul className="mt-1 list-inside list-disc text-red-700">
                  {summary.refused.map((r) => (
                    <li key={r.name}>
                      {r.name}：{r.errors.join("；")}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          )}
        </>
      )}
    </div>
  );
}

// One cell: a text cell grows with its content (field-sizing), an error sits under it, naming the
// field, linked by aria-describedby; on a phone the column's name shows above it.
function Cell({
  refCallback,
  ...props
}: {
  id: string;
  label: string;
  visibleLabel: string;
  value: string;
  disabled: boolean;
  errors?: string[];
  required?: boolean;
  multiline?: boolean;
  placeholder?: string;
  inputMode?: "decimal";
  onChange: (value: string) => void;
  onKeyDown?: (e: KeyboardEvent<HTMLElement>) => void;
  onPaste?: (e: ClipboardEvent<HTMLElement>) => void;
  refCallback?: (el: HTMLInputElement | HTMLTextAreaElement | null) => void;
}) {
  const errorId = `${props.id}-error`;
  const common = {
    id: `cell-${props.id}`,
    value: props.value,
    disabled: props.disabled,
    placeholder: props.placeholder,
    "aria-label": props.label,
    "aria-invalid": props.errors?.length ? true : undefined,
    "aria-describedby": props.errors?.length ? errorId : undefined,
    "aria-required": props.required || undefined,
    onKeyDown: props.onKeyDown,
    onPaste: props.onPaste,
  };
  return (
    <div>
      <label htmlFor={common.id} className="text-xs text-slate-500 md:hidden">
        {props.visibleLabel}
        {props.required && <span className="text-red-700">*</span>}
      </label>
      {props.multiline ? (
        <textarea
          {...common}
          ref={refCallback}
          rows={1}
          onChange={(e) => props.onChange(e.target.value)}
          className={`${cellClass} field-sizing-content max-h-60 min-h-8 resize-y focus:min-h-20`}
        />
      ) : (
        <input {...common} ref={refCallback} inputMode={props.inputMode} onChange={(e) => props.onChange(e.target.value)} className={cellClass} />
      )}
      {props.errors?.length ? (
        <p id={errorId} className="mt-0.5 text-xs text-red-700" data-testid="cell-error">
          {props.errors.join("；")}
        </p>
      ) : null}
    </div>
  );
}
