import { formatDate } from "@/lib/dates";
import { ATTACHMENT_LIMITS_TEXT } from "@/lib/schemas/attachment";
import { projectAttachments } from "@/lib/server/attachments/list-attachments";
import { requireUser } from "@/lib/server/auth/current-user";
import { AttachmentGallery } from "./attachment-gallery";
import { AttachmentUploader } from "./attachment-uploader";

type M = { id: number; name: string; docNumber: string | null; docDate: Date | null };

// The milestone page's 批复文件: per saved milestone its scans and photos, with the upload.
export async function MilestoneAttachments({ projectId, milestones }: { projectId: number; milestones: M[] }) {
  const items = (await projectAttachments(await requireUser(), { projectId })).filter((a) => a.milestoneId !== null);
  return (
    <section className="mt-4 rounded bg-white p-4 shadow-sm" data-testid="milestone-attachments">
      <h2 className="font-semibold">批复文件和照片</h2>
      <p className="text-xs text-slate-500">
        立项、可研、初设、施工许可等节点的批复文件扫描件（PDF）或照片。新增的节点请先保存，再上传。{ATTACHMENT_LIMITS_TEXT}
        照片上传时会自动转正并去除拍摄位置等信息。
      </p>
      <ul className="mt-2 divide-y divide-slate-100">
        {milestones.map((m) => {
          const own = items.filter((a) => a.milestoneId === m.id);
          return (
            <li key={m.id} className="py-3" data-testid="milestone-attachment-item">
              <p className="text-sm">
                <span className="font-medium">{m.name}</span>
                {m.docNumber && <span className="ml-2 text-slate-700">文号：{m.docNumber}</span>}
                {m.docDate && <span className="ml-2 text-slate-600">批复日期：{formatDate(m.docDate)}</span>}
              </p>
              {own.length > 0 && (
                <div className="mt-1">
                  <AttachmentGallery items={own} removable />
                </div>
              )}
              <AttachmentUploader url={`/api/v1/milestones/${m.id}/attachments`} count={own.length} label="上传批复文件或照片" limits={false} />
            </li>
          );
        })}
      </ul>
    </section>
  );
}
