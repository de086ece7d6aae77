"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { judgeIndicatorAction } from "./actions";
import { Announce, Field, inputClass } from "@/components/form";

// A reviewer's judgement of a qualitative target for a year (达到 / 未达到 / 无法评估), with the reason.
export function JudgementForm({
  indicatorId,
  years,
  current,
}: {
  indicatorId: number;
  years: number[];
  current: { year: number; result: string; reason: string; version: number }[];
}) {
  const router = useRouter();
  const [year, setYear] = useState(years.at(-1)!);
  const existing = current.find((c) => c.year === year);
  const [result, setResult] = useState(existing?.result ?? "MET");
  const [reason, setReason] = useState(existing?.reason ?? "");
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const res = await judgeIndicatorAction({ indicatorId, year, result, reason, version: existing?.version });
    setMessage(res.ok ? { ok: true, text: "已保存评估结论。" } : { ok: false, text: res.fieldErrors?.reason?.[0] ?? res.message });
    if (res.ok) router.refresh();
  };
  return (
    <form method="post" onSubmit={submit} className="grid gap-3 rounded bg-white p-3 text-sm shadow-sm sm:grid-cols-4" data-testid="judgement-form">
      <Field label="年度" className="block">
        {(p) => (
          <select
            {...p}
            value={year}
            onChange={(e) => {
              const y = Number(e.target.value);
              const had = current.find((c) => c.year === y);
              setYear(y);
              setResult(had?.result ?? "MET");
              setReason(had?.reason ?? "");
            }}
            className={inputClass}
          >
            {years.map((y) => (
              <option key={y}>{y}</option>
            ))}
          </select>
        )}
      </Field>
      <Field label="结论" className="block">
        {(p) => (
          <select {...p} value={result} onChange={(e) => setResult(e.target.value)} className={inputClass}>
            <option value="MET">达到</option>
            <option value="NOT_MET">未达到</option>
            <option value="NOT_ASSESSABLE">无法评估</option>
          </select>
        )}
      </Field>
      <Field label="判断依据" className="sm:col-span-2">
        {(p) => <input {...p} value={reason} onChange={(e) => setReason(e.target.value)} className={inputClass} />}
      </Field>
      <div className="flex items-center gap-3 sm:col-span-4">
        <button type="submit" className="rounded bg-sky-700 px-4 py-1.5 text-white">
          保存评估
        </button>
        <Announce className="contents">{message && <span className={message.ok ? "text-green-800" : "text-red-700"}>{message.text}</span>}</Announce>
      </div>
    </form>
  );
}
