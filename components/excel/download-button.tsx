"use client";
import { useState } from "react";
import { withBase } from "@/lib/base-path";
import { zhExcel } from "@/lib/i18n/zh-CN-excel";

// Downloads a generated file while showing how much has arrived (exports are streamed as they are
// produced, so a long one shows progress instead of a silent wait), then saves it under its name.
export function DownloadButton({ href, label, testId, className }: { href: string; label: string; testId?: string; className?: string }) {
  const [state, setState] = useState<{ busy: boolean; kb: number; rows: number | null; error: string | null }>({ busy: false, kb: 0, rows: null, error: null });
  const run = async () => {
    setState({ busy: true, kb: 0, rows: null, error: null });
    try {
      const res = await fetch(withBase(href)); // the app's path; under APP_BASE_PATH when built with one
      if (!res.ok || !res.body) {
        const body = await res.json().catch(() => null);
        throw new Error(body?.error?.message ?? `HTTP ${res.status}`);
      }
      const rows = res.headers.get("X-Project-Count");
      const reader = res.body.getReader();
      const chunks: Uint8Array[] = [];
      let bytes = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        bytes += value.length;
        setState({ busy: true, kb: Math.round(bytes / 1024), rows: rows ? Number(rows) : null, error: null });
      }
      const url = URL.createObjectURL(new Blob(chunks as BlobPart[], { type: res.headers.get("Content-Type") ?? "application/octet-stream" }));
      const a = document.createElement("a");
      a.href = url;
      a.download = fileName(res.headers.get("Content-Disposition")) ?? "export";
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setState({ busy: false, kb: Math.round(bytes / 1024), rows: null, error: null });
    } catch (e) {
      setState({ busy: false, kb: 0, rows: null, error: e instanceof Error ? e.message : String(e) });
    }
  };
  return (
    <span className="inline-flex items-center gap-2 text-sm">
      <button
        type="button"
        onClick={run}
        disabled={state.busy}
        data-testid={testId}
        className={className ?? "rounded px-3 py-1.5 text-slate-700 ring-1 ring-slate-300 hover:bg-slate-100 disabled:opacity-50"}
      >
        {label}
      </button>
      {state.busy && (
        <span className="text-slate-600" role="status">
          <span className="mr-1 inline-block h-2 w-16 animate-pulse rounded bg-sky-200 align-middle" />
          {zhExcel.export.working(state.kb)}
          {state.rows !== null && ` · ${zhExcel.export.rows(state.rows)}`}
        </span>
      )}
      {state.error && (
        <span className="text-red-700" role="alert">
          {zhExcel.export.failed}
          {state.error}
        </span>
      )}
    </span>
  );
}

function fileName(disposition: string | null): string | null {
  if (!disposition) return null;
  const star = disposition.match(/filename\*=UTF-8''([^;]+)/i);
  if (star) return decodeURIComponent(star[1]);
  return disposition.match(/filename="([^"]+)"/i)?.[1] ?? null;
}
