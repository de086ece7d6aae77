"use client";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { withBase } from "@/lib/base-path";
import { ATTACHMENT_LIMITS_TEXT, ATTACHMENT_MAX_BYTES, ATTACHMENT_MAX_FILES } from "@/lib/schemas/attachment";

type Line = { name: string; state: "uploading" | "done" | "refused"; message?: string };

// Upload of photos and PDFs to a report or a milestone, one request per file (a refused file does
// not hold back the others; the server checks everything again). Two buttons on a phone: the camera
// (capture) and the album / files. Works at 320 px: the buttons wrap, names break.
export function AttachmentUploader({
  url,
  count,
  label = "上传照片或文件",
  limits = true,
}: {
  url: string;
  count: number;
  label?: string;
  limits?: boolean; // false where the section states the limits once (a list of milestones)
}) {
  const router = useRouter();
  const [lines, setLines] = useState<Line[]>([]);
  const [busy, setBusy] = useState(false);
  const camera = useRef<HTMLInputElement>(null);
  const picker = useRef<HTMLInputElement>(null);
  const full = count >= ATTACHMENT_MAX_FILES;

  async function upload(files: FileList | null) {
    if (!files?.length) return;
    setBusy(true);
    const list = [...files];
    setLines(list.map((f) => ({ name: f.name, state: "uploading" })));
    const set = (i: number, l: Partial<Line>) => setLines((prev) => prev.map((p, k) => (k === i ? { ...p, ...l } : p)));
    for (const [i, f] of list.entries()) {
      if (f.size > ATTACHMENT_MAX_BYTES) {
        set(i, { state: "refused", message: `文件过大：每个不能超过 ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB。` });
        continue;
      }
      const form = new FormData();
      form.append("file", f, f.name);
      try {
        const res = await fetch(withBase(url), { method: "POST", body: form });
        if (res.ok) set(i, { state: "done" });
        else {
          const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
          set(i, { state: "refused", message: body?.error?.message ?? `上传失败（${res.status}），请稍后重试。` });
        }
      } catch {
        set(i, { state: "refused", message: "网络中断，上传失败，请重试。" });
      }
    }
    setBusy(false);
    for (const input of [camera.current, picker.current]) if (input) input.value = "";
    router.refresh();
  }

  return (
    <div className="mt-2" data-testid="attachment-uploader">
      <div className="flex flex-wrap gap-2">
        <label className={`cursor-pointer rounded bg-sky-700 px-3 py-2 text-sm text-white ${busy || full ? "pointer-events-none opacity-60" : ""}`}>
          拍照上传
          <input
            ref={camera}
            type="file"
            accept="image/*"
            capture="environment"
            className="sr-only"
            disabled={busy || full}
            onChange={(e) => upload(e.target.files)}
            aria-label="拍照上传"
          />
        </label>
        <label className={`cursor-pointer rounded px-3 py-2 text-sm ring-1 ring-slate-300 ${busy || full ? "pointer-events-none opacity-60" : ""}`}>
          {label}
          <input
            ref={picker}
            type="file"
            accept="image/*,application/pdf"
            multiple
            className="sr-only"
            disabled={busy || full}
            onChange={(e) => upload(e.target.files)}
            aria-label={label}
            data-testid="attachment-input"
          />
        </label>
      </div>
      {limits ? (
        <p className="mt-1 text-xs text-slate-500">
          {ATTACHMENT_LIMITS_TEXT}已上传 {count} 个{full ? "，已达上限。" : "。"}照片上传时会自动转正并去除拍摄位置等信息。
        </p>
      ) : (
        full && <p className="mt-1 text-xs text-slate-500">已达上限（{ATTACHMENT_MAX_FILES} 个）。</p>
      )}
      {lines.length > 0 && (
        <ul className="mt-2 space-y-1 text-sm" role="status" data-testid="upload-results">
          {lines.map((l, i) => (
            <li key={i} className={`break-all ${l.state === "refused" ? "text-red-700" : l.state === "done" ? "text-green-800" : "text-slate-600"}`}>
              {l.name}：{l.state === "uploading" ? "上传中…" : l.state === "done" ? "已上传" : l.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
