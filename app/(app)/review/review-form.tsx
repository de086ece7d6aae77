"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { reviewReportsAction } from "../desk/actions";
import { inputClass } from "@/components/form";
import { formatMoney } from "@/lib/money";
import { periodLabel } from "@/lib/periods";

type Item = {
  id: number;
  version: number;
  period: string;
  revision: number;
  projectId: number;
  projectName: string;
  unit: string;
  plan: string;
  completedWan: string | null;
  progressPercent: string | null;
  progressText: string | null;
  problems: string | null;
  correctionReason: string | null;
};

export function ReviewForm({ reports }: { reports: Item[] }) {
  const router = useRouter();
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [comment, setComment] = useState("");
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const toggle = (id: number) => setSelected((s) => (s.has(id) ? new Set([...s].filter((x) => x !== id)) : new Set(s).add(id)));
  const decide = async (decision: "APPROVE" | "RETURN") => {
    setBusy(true);
    const items = reports.filter((r) => selected.has(r.id)).map((r) => ({ id: r.id, version: r.version }));
    const result = await reviewReportsAction({ items, decision, comment });
    setBusy(false);
    if (result.ok) {
      setMessage({ ok: true, text: `已${decision === "APPROVE" ? "审核通过" : "退回"} ${result.data.count} 份报告。` });
      setSelected(new Set());
      setComment("");
      router.refresh();
    } else {
      setMessage({ ok: false, text: [result.message, ...Object.values(result.fieldErrors ?? {}).flat()].join(" ") });
    }
  };
  const messageLine = message && (
    <p className={`mt-2 rounded px-3 py-2 text-sm ${message.ok ? "bg-green-50 text-green-800" : "bg-red-50 text-red-700"}`} data-testid="review-message">
      {message.text}
    </p>
  );
  if (reports.length === 0) {
    return (
      <div>
        <p className="rounded bg-white p-6 shadow-sm">没有待审核的报告。</p>
        {messageLine}
      </div>
    );
  }
  return (
    <div>
      <table className="w-full bg-white text-sm shadow-sm" data-testid="review-table">
        <thead className="bg-slate-100 text-left text-slate-600">
          <tr>
            <th className="px-3 py-2">
              <input type="checkbox" aria-label="全选" checked={selected.size === reports.length} onChange={(e) => setSelected(e.target.checked ? new Set(reports.map((r) => r.id)) : new Set())} />
            </th>
            <th className="px-3 py-2">项目</th>
            <th className="px-3 py-2">单位</th>
            <th className="px-3 py-2">期次</th>
            <th className="px-3 py-2 text-right">本期完成（万元）</th>
            <th className="px-3 py-2">形象进度</th>
            <th className="px-3 py-2">存在问题</th>
          </tr>
        </thead>
        <tbody>
          {reports.map((r) => (
            <tr key={r.id} className="border-t align-top">
              <td className="px-3 py-2">
                <input type="checkbox" checked={selected.has(r.id)} onChange={() => toggle(r.id)} aria-label={`选择 ${r.projectName}`} />
              </td>
              <td className="px-3 py-2">
                <Link href={`/projects/${r.projectId}`} className="text-sky-700 hover:underline">
                  {r.projectName}
                </Link>
                <div className="text-xs text-slate-500">{r.plan}</div>
                {r.revision > 1 && <div className="text-xs text-amber-700">更正（第 {r.revision} 版）：{r.correctionReason}</div>}
              </td>
              <td className="px-3 py-2 whitespace-nowrap">{r.unit}</td>
              <td className="px-3 py-2 whitespace-nowrap">{periodLabel(r.period)}</td>
              <td className="num px-3 py-2">{formatMoney(r.completedWan, "wan")}</td>
              <td className="px-3 py-2">
                {r.progressPercent !== null && `${r.progressPercent}% `}
                {r.progressText}
              </td>
              <td className="px-3 py-2">{r.problems}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="mt-3 flex flex-wrap items-end gap-3 rounded bg-white p-3 shadow-sm">
        <label className="min-w-80 flex-1 text-sm">
          审核意见（退回时必填）
          <input value={comment} onChange={(e) => setComment(e.target.value)} className={inputClass} />
        </label>
        <button type="button" disabled={busy || selected.size === 0} onClick={() => decide("APPROVE")} className="rounded bg-green-700 px-4 py-1.5 text-white disabled:opacity-50">
          审核通过（{selected.size}）
        </button>
        <button type="button" disabled={busy || selected.size === 0} onClick={() => decide("RETURN")} className="rounded bg-red-700 px-4 py-1.5 text-white disabled:opacity-50">
          退回（{selected.size}）
        </button>
      </div>
      {messageLine}
    </div>
  );
}
