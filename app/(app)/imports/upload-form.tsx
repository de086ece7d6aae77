"use client";
import { Field } from "@/components/form";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { withBase } from "@/lib/base-path";
import { zhExcel } from "@/lib/i18n/zh-CN-excel";

const T = zhExcel.import;
const input = "mt-1 block w-full rounded border border-slate-300 bg-white px-2 py-1 text-sm";

// Upload with progress: the bytes going up, then the server's reading/checking progress (NDJSON),
// then on to the preview.
export function UploadForm({ plans, defaultPlan }: { plans: { id: number; title: string }[]; defaultPlan?: number }) {
  const router = useRouter();
  const [progress, setProgress] = useState<string | null>(null);
  const [pct, setPct] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const submit = (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const file = data.get("file");
    if (!(file instanceof File) || !file.name) {
      setError(zhExcel.importErrors.noFile);
      return;
    }
    setError(null);
    setProgress(T.uploading(0));
    setPct(0);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", withBase("/api/v1/imports"));
    xhr.upload.onprogress = (ev) => {
      if (!ev.lengthComputable) return;
      const p = Math.round((ev.loaded / ev.total) * 100);
      setPct(p);
      setProgress(T.uploading(p));
    };
    const lines = () =>
      xhr.responseText
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>);
    xhr.onprogress = () => {
      const last = lines().at(-1);
      if (last?.stage === "read") setProgress(T.reading(last.rows as number));
      if (last?.stage === "check") setProgress(T.checking);
    };
    xhr.onload = () => {
      let last: Record<string, unknown> | undefined;
      try {
        last = xhr.getResponseHeader("Content-Type")?.includes("ndjson") ? lines().at(-1) : (JSON.parse(xhr.responseText) as Record<string, unknown>);
      } catch {
        last = undefined;
      }
      setPct(null);
      setProgress(null);
      if (last?.done) router.push(`/imports/${last.batchId}`);
      else setError((last?.error as { message?: string } | undefined)?.message ?? zhExcel.export.failed);
    };
    xhr.onerror = () => {
      setPct(null);
      setProgress(null);
      setError(zhExcel.export.failed);
    };
    xhr.send(data);
  };
  return (
    <form method="post" onSubmit={submit} className="grid gap-3 rounded bg-white p-4 text-sm shadow-sm md:grid-cols-3" data-testid="import-form">
      <Field label={T.plan} required className="block">
        {(p) => (
          <select {...p} name="planId" defaultValue={defaultPlan ?? plans[0]?.id} className={input}>
            {plans.map((p) => (
              <option key={p.id} value={p.id}>
                {p.title}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={T.file} required className="block">
        {(p) => <input {...p} name="file" type="file" accept=".xlsx,.csv" className={input} />}
      </Field>
      <div className="flex items-end gap-3">
        <button type="submit" disabled={progress !== null} className="rounded bg-sky-700 px-4 py-1.5 text-white hover:bg-sky-800 disabled:opacity-50">
          {T.upload}
        </button>
      </div>
      <p className="text-slate-500 md:col-span-3">
        {T.intro} {T.limits}
      </p>
      {progress && (
        <div className="md:col-span-3" role="status" data-testid="import-progress">
          <div className="h-2 w-full overflow-hidden rounded bg-slate-200">
            <div className={`h-2 bg-sky-600 ${pct === null || pct === 100 ? "animate-pulse" : ""}`} style={{ width: `${pct ?? 100}%` }} />
          </div>
          <span className="text-slate-600">{progress}</span>
        </div>
      )}
      {error && (
        <p className="rounded border border-red-200 bg-red-50 px-3 py-2 text-red-800 md:col-span-3" role="alert" data-testid="import-error">
          {error}
        </p>
      )}
    </form>
  );
}
