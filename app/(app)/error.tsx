"use client";
import { zh } from "@/lib/i18n/zh-CN";

export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  return (
    <div className="mt-10 rounded border border-red-200 bg-red-50 p-6 text-red-800">
      <p>{zh.errors.generic}</p>
      <button type="button" onClick={reset} className="mt-3 rounded bg-red-700 px-3 py-1 text-sm text-white">
        重试
      </button>
    </div>
  );
}
