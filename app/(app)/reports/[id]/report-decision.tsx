"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { reviewReportsAction } from "../../review/actions";
import { Announce, Field, inputClass } from "@/components/form";

// Approve or return the report shown, as the version shown (a concurrent decision → conflict message).
export function ReportDecision({ id, version }: { id: number; version: number }) {
  const router = useRouter();
  const [comment, setComment] = useState("");
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const decide = async (decision: "APPROVE" | "RETURN") => {
    setBusy(true);
    const result = await reviewReportsAction({ items: [{ id, version }], decision, comment });
    setBusy(false);
    if (result.ok) {
      setMessage({ ok: true, text: decision === "APPROVE" ? "已审核通过。" : "已退回。" });
      // The decided report no longer shows this form; the page shows the outcome instead.
      router.replace(`/reports/${id}?decided=${decision === "APPROVE" ? "approved" : "returned"}`);
    } else setMessage({ ok: false, text: [result.message, ...Object.values(result.fieldErrors ?? {}).flat()].join(" ") });
  };
  return (
    <section className="mt-4 rounded bg-white p-4 shadow-sm" data-testid="report-decision">
      <Field label="审核意见（退回时必填）">
        {(p) => <input {...p} value={comment} onChange={(e) => setComment(e.target.value)} className={inputClass} />}
      </Field>
      <div className="mt-3 flex gap-3">
        <button type="button" disabled={busy} onClick={() => decide("APPROVE")} className="rounded bg-green-700 px-4 py-1.5 text-white disabled:opacity-50">
          审核通过
        </button>
        <button type="button" disabled={busy} onClick={() => decide("RETURN")} className="rounded bg-red-700 px-4 py-1.5 text-white disabled:opacity-50">
          退回
        </button>
      </div>
      <Announce className="mt-2">
        {message && (
          <p className={`rounded px-3 py-2 text-sm ${message.ok ? "bg-green-50 text-green-800" : "bg-red-50 text-red-700"}`} data-testid="review-message">
            {message.text}
          </p>
        )}
      </Announce>
    </section>
  );
}
