"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { withBase } from "@/lib/base-path";

// Removes one attachment after a confirmation (DELETE /api/v1/attachments/{id}); the server decides
// whether the caller may.
export function RemoveAttachmentButton({ id, name }: { id: number; name: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function remove() {
    if (!window.confirm(`删除附件「${name}」？`)) return;
    setBusy(true);
    setError(null);
    const res = await fetch(withBase(`/api/v1/attachments/${id}`), { method: "DELETE" }).catch(() => null);
    setBusy(false);
    if (res?.ok) return router.refresh();
    const body = (await res?.json().catch(() => null)) as { error?: { message?: string } } | null;
    setError(body?.error?.message ?? "删除失败，请稍后重试。");
  }
  return (
    <>
      <button type="button" onClick={remove} disabled={busy} className="text-xs text-red-700 underline disabled:opacity-60" aria-label={`删除附件 ${name}`}>
        删除
      </button>
      {error && (
        <span role="alert" className="block text-xs text-red-700">
          {error}
        </span>
      )}
    </>
  );
}
