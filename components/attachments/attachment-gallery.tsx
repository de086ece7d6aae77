import { withBase } from "@/lib/base-path";
import { formatDate } from "@/lib/dates";
import { periodLabel } from "@/lib/periods";
import type { AttachmentItem } from "@/lib/server/attachments/list-attachments";
import { RemoveAttachmentButton } from "./remove-attachment-button";

const fileUrl = (id: number, thumb = false) => withBase(`/api/v1/attachments/${id}${thumb ? "?size=thumb" : ""}`);
const size = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

// Photos as thumbnails (each opens the photo), documents as a list of downloads. `removable` shows a
// delete button (the server decides again).
export function AttachmentGallery({ items, removable = false, testId }: { items: AttachmentItem[]; removable?: boolean; testId?: string }) {
  const photos = items.filter((a) => a.kind === "PHOTO");
  const docs = items.filter((a) => a.kind === "DOCUMENT");
  if (!items.length) return <p className="text-sm text-slate-500">暂无附件。</p>;
  return (
    <div data-testid={testId}>
      {photos.length > 0 && (
        <ul className="grid grid-cols-3 gap-2 sm:grid-cols-4 lg:grid-cols-6" data-testid="photo-gallery">
          {photos.map((p) => (
            <li key={p.id} className="min-w-0">
              <a href={fileUrl(p.id)} target="_blank" rel="noopener" className="block aspect-square overflow-hidden rounded bg-slate-100 ring-1 ring-slate-200">
                {/* eslint-disable-next-line @next/next/no-img-element -- our own thumbnail route, already sized */}
                <img src={fileUrl(p.id, true)} alt={p.fileName} loading="lazy" className="h-full w-full object-cover" data-testid="photo-thumb" />
              </a>
              <span className="block truncate text-xs text-slate-600" title={`${p.fileName} · ${p.createdBy ?? ""} ${formatDate(p.createdAt)}`}>
                {p.fileName}
              </span>
              {removable && <RemoveAttachmentButton id={p.id} name={p.fileName} />}
            </li>
          ))}
        </ul>
      )}
      {docs.length > 0 && (
        <ul className="mt-2 space-y-1 text-sm" data-testid="document-list">
          {docs.map((d) => (
            <li key={d.id} className="flex flex-wrap items-baseline gap-x-2">
              <a href={fileUrl(d.id)} className="break-all text-sky-800 underline">
                <span className="mr-1 rounded bg-red-50 px-1 text-xs text-red-800 no-underline">PDF</span>
                {d.fileName}
              </a>
              <span className="text-xs text-slate-500">
                {size(d.byteSize)} · {d.createdBy ?? "—"} {formatDate(d.createdAt)}
              </span>
              {removable && <RemoveAttachmentButton id={d.id} name={d.fileName} />}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

// The project page's section: photos and documents of the reports by period (newest first), then the
// milestones' documents with their 文号 and 批复日期.
export function ProjectAttachments({ items }: { items: AttachmentItem[] }) {
  const byPeriod = new Map<string, AttachmentItem[]>();
  for (const a of items) if (a.report) byPeriod.set(a.report.period, [...(byPeriod.get(a.report.period) ?? []), a]);
  const periods = [...byPeriod.keys()].sort().reverse();
  const byMilestone = new Map<number, AttachmentItem[]>();
  for (const a of items) if (a.milestoneId !== null) byMilestone.set(a.milestoneId, [...(byMilestone.get(a.milestoneId) ?? []), a]);
  const milestones = [...byMilestone.values()].sort((x, y) => x[0].milestone!.sortOrder - y[0].milestone!.sortOrder);
  if (!items.length) return <p className="text-sm text-slate-500">暂无现场照片或批复文件。照片在调度报告中上传，批复文件在“编辑节点”页上传。</p>;
  return (
    <div className="space-y-4" data-testid="project-attachments">
      {periods.map((period) => (
        <section key={period}>
          <h3 className="mb-1 text-sm font-medium text-slate-700">{periodLabel(period)}</h3>
          <AttachmentGallery items={byPeriod.get(period)!} />
        </section>
      ))}
      {milestones.length > 0 && (
        <section>
          <h3 className="mb-1 text-sm font-medium text-slate-700">节点批复文件</h3>
          <ul className="space-y-2">
            {milestones.map((list) => {
              const m = list[0].milestone!;
              return (
                <li key={list[0].milestoneId} className="text-sm" data-testid="milestone-documents">
                  <span className="font-medium">{m.name}</span>
                  {m.docNumber && <span className="ml-2 text-slate-700">文号：{m.docNumber}</span>}
                  {m.docDate && <span className="ml-2 text-slate-600">批复日期：{formatDate(m.docDate)}</span>}
                  <AttachmentGallery items={list} />
                </li>
              );
            })}
          </ul>
        </section>
      )}
    </div>
  );
}
