"use client";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { DataTable } from "@/components/data-table";
import { Announce, Field, inputClass } from "@/components/form";

export type DecisionRow = { id: number; version: number; label: string; own: boolean; cells: ReactNode[] };
type Result = { ok: true; data: { count: number } } | { ok: false; message: string; fieldErrors?: Record<string, string[]> };
type Props = {
  testId: string;
  headers: string[];
  rows: DecisionRow[];
  empty: string;
  decide: (input: { items: { id: number; version: number }[]; decision: "APPROVE" | "RETURN"; comment: string }) => Promise<Result>;
};

// One queue of the reviewer's desk: select, then approve (after a confirmation naming every item) or
// return with a comment. Items the reviewer submitted themselves cannot be selected.
export function DecisionTable({ testId, headers, rows, empty, decide }: Props) {
  const router = useRouter();
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [comment, setComment] = useState("");
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const messageRef = useRef<HTMLParagraphElement>(null);
  const selectable = rows.filter((r) => !r.own);
  const chosen = rows.filter((r) => selected.has(r.id));
  const toggle = (id: number) => setSelected((s) => (s.has(id) ? new Set([...s].filter((x) => x !== id)) : new Set(s).add(id)));
  // Each new result takes the focus once it is on screen (the buttons the user was on may be gone or
  // disabled), so keyboard users stay by the table and screen readers read it out.
  useEffect(() => {
    if (message) messageRef.current?.focus();
  }, [message]);
  const run = async (decision: "APPROVE" | "RETURN") => {
    setBusy(true);
    setConfirming(false);
    const result = await decide({ items: chosen.map((r) => ({ id: r.id, version: r.version })), decision, comment });
    setBusy(false);
    if (result.ok) {
      setMessage({ ok: true, text: `已${decision === "APPROVE" ? "审核通过" : "退回"} ${result.data.count} 项。` });
      setSelected(new Set());
      setComment("");
      router.refresh();
    } else {
      setMessage({ ok: false, text: [result.message, ...Object.values(result.fieldErrors ?? {}).flat()].join(" ") });
    }
  };
  // The result, in a live region that stays mounted (its key) whether rows remain or not, so the message
  // keeps the focus it was given after the decision (the decided rows leave the table).
  const messageLine = (
    <Announce key="result" className="mt-2">
      {message && (
        <p
          ref={messageRef}
          tabIndex={-1}
          className={`rounded px-3 py-2 text-sm outline-none focus:ring-2 focus:ring-sky-700 ${message.ok ? "bg-green-50 text-green-800" : "bg-red-50 text-red-700"}`}
          data-testid="review-message"
        >
          {message.text}
        </p>
      )}
    </Announce>
  );
  if (rows.length === 0)
    return (
      <div data-testid={testId}>
        <p className="rounded bg-white p-4 text-sm text-slate-600 shadow-sm">{empty}</p>
        {messageLine}
      </div>
    );
  return (
    <div data-testid={testId}>
      <DataTable
        rows={rows}
        rowKey={(r) => r.id}
        columns={[
          {
            key: "pick",
            header: (
              <input
                type="checkbox"
                aria-label="全选"
                checked={selectable.length > 0 && selected.size === selectable.length}
                onChange={(e) => setSelected(e.target.checked ? new Set(selectable.map((r) => r.id)) : new Set())}
              />
            ),
            cell: (r) =>
              r.own ? (
                <span className="text-xs text-slate-500" title="本人提交，须由其他审核人审核">
                  本人提交
                </span>
              ) : (
                <input type="checkbox" checked={selected.has(r.id)} onChange={() => toggle(r.id)} aria-label={`选择 ${r.label}`} />
              ),
          },
          ...headers.map((h, i) => ({ key: `c${i}`, header: h, cell: (r: DecisionRow) => r.cells[i] })),
        ]}
      />
      <div className="mt-3 flex flex-wrap items-end gap-3 rounded bg-white p-3 shadow-sm">
        <Field label="审核意见（退回时必填）" className="min-w-64 flex-1 text-sm">
          {(p) => <input {...p} value={comment} onChange={(e) => setComment(e.target.value)} className={inputClass} />}
        </Field>
        <button
          type="button"
          disabled={busy || chosen.length === 0}
          onClick={() => setConfirming(true)}
          className="rounded bg-green-700 px-4 py-1.5 text-white disabled:opacity-50"
        >
          审核通过（{chosen.length}）
        </button>
        <button
          type="button"
          disabled={busy || chosen.length === 0}
          onClick={() => run("RETURN")}
          className="rounded bg-red-700 px-4 py-1.5 text-white disabled:opacity-50"
        >
          退回（{chosen.length}）
        </button>
      </div>
      {confirming && (
        <div role="dialog" aria-label="确认审核通过" className="mt-2 rounded border border-green-300 bg-green-50 p-3 text-sm" data-testid="confirm-approve">
          <p className="font-medium">确认审核通过以下 {chosen.length} 项？通过后计入正式统计。</p>
          <ul className="mt-1 max-h-48 list-disc overflow-y-auto pl-6">
            {chosen.map((r) => (
              <li key={r.id}>{r.label}</li>
            ))}
          </ul>
          <div className="mt-2 flex gap-3">
            <button type="button" autoFocus onClick={() => run("APPROVE")} className="rounded bg-green-700 px-4 py-1.5 text-white">
              确认通过
            </button>
            <button type="button" onClick={() => setConfirming(false)} className="rounded px-4 py-1.5 ring-1 ring-slate-300">
              取消
            </button>
          </div>
        </div>
      )}
      {messageLine}
    </div>
  );
}
