"use client";
import { useState } from "react";
import { DownloadButton } from "@/components/excel/download-button";
import type { EvaluationChoice } from "@/lib/evaluation";
import { zhEvaluation } from "@/lib/i18n/zh-CN-evaluation";

// The 评估报告 download on the 指标 page: pick 终期 / 中期 / a year (lib/evaluation.ts), download the .docx
// (GET /api/v1/exports/evaluation).
export function EvaluationDownload({ planId, choices }: { planId: number; choices: EvaluationChoice[] }) {
  const [query, setQuery] = useState(choices[0]?.query ?? "");
  if (choices.length === 0) return null;
  return (
    <div className="mt-3 flex flex-wrap items-center gap-2 rounded bg-white p-3 text-sm shadow-sm" data-testid="evaluation-report">
      <label className="flex items-center gap-2">
        {zhEvaluation.choose}
        <select
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          className="rounded border border-slate-300 bg-white px-2 py-1 text-sm"
          data-testid="evaluation-stage"
        >
          {choices.map((c) => (
            <option key={c.query} value={c.query}>
              {c.label}
            </option>
          ))}
        </select>
      </label>
      <DownloadButton href={`/api/v1/exports/evaluation?plan=${planId}&${query}`} label={zhEvaluation.download} testId="evaluation-download" />
      <span className="text-xs text-slate-500">{zhEvaluation.note}</span>
    </div>
  );
}
