"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { reviewIndicatorValuesAction } from "./actions";
import { inputClass } from "@/components/form";

// A reviewer's decision on one submitted value, in the version shown.
export function IndicatorReviewButtons({ id, version }: { id: number; version: number }) {
  const router = useRouter();
  const [comment, setComment] = useState("");
  const [error, setError] = useState<string | null>(null);
  const decide = async (decision: "APPROVE" | "RETURN") => {
    setError(null);
    const result = await reviewIndicatorValuesAction({ items: [{ id, version }], decision, comment });
    if (result.ok) router.refresh();
    else setError(result.fieldErrors?.comment?.[0] ?? result.message);
  };
  return (
    <div className="flex flex-wrap items-center gap-2" data-testid="indicator-review">
      <input
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        placeholder="审核意见（退回时必填）"
        aria-label="审核意见"
        className={`${inputClass} mt-0 w-48`}
      />
      <button type="button" onClick={() => decide("APPROVE")} className="rounded bg-green-700 px-3 py-1 text-white">
        通过
      </button>
      <button type="button" onClick={() => decide("RETURN")} className="rounded bg-red-700 px-3 py-1 text-white">
        退回
      </button>
      {error && (
        <span role="alert" className="text-red-700">
          {error}
        </span>
      )}
    </div>
  );
}
