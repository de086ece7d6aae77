"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { markNoticesReadAction } from "./actions";

// Marks the given notices (or, without ids, all of one's notices) read; the badge and banner follow.
export function MarkReadButton({ ids, label, testId }: { ids?: number[]; label: string; testId?: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const mark = () =>
    start(async () => {
      const result = await markNoticesReadAction(ids ? { ids } : {});
      if (result.ok) router.refresh();
      else setError(result.message);
    });
  return (
    <>
      <button
        type="button"
        onClick={mark}
        disabled={pending}
        data-testid={testId}
        className="rounded px-2 py-0.5 text-xs whitespace-nowrap text-slate-700 ring-1 ring-slate-300 hover:bg-white disabled:opacity-50"
      >
        {label}
      </button>
      {error && (
        <span className="text-xs text-red-700" role="alert">
          {error}
        </span>
      )}
    </>
  );
}
