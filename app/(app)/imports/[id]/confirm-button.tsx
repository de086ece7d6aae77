"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { zhExcel } from "@/lib/i18n/zh-CN-excel";
import { commitImportAction } from "./actions";

export function ConfirmButton({ batchId }: { batchId: number }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const confirm = () =>
    start(async () => {
      const result = await commitImportAction({ batchId });
      setMessage(result.ok ? { ok: true, text: zhExcel.import.result(result.data) } : { ok: false, text: result.message });
      if (result.ok) router.refresh();
    });
  return (
    <div className="flex items-center gap-3">
      <button
        type="button"
        onClick={confirm}
        disabled={pending}
        className="rounded bg-sky-700 px-4 py-1.5 text-white hover:bg-sky-800 disabled:opacity-50"
        data-testid="import-confirm"
      >
        {pending ? zhExcel.import.confirming : zhExcel.import.confirm}
      </button>
      {pending && <span className="inline-block h-2 w-24 animate-pulse rounded bg-sky-200" role="status" />}
      {message && (
        <span className={message.ok ? "text-emerald-700" : "text-red-700"} role={message.ok ? "status" : "alert"} data-testid="import-result">
          {message.text}
        </span>
      )}
    </div>
  );
}
