import { reportFilesEditable } from "@/lib/server/attachments/owner";
import { reportAttachments } from "@/lib/server/attachments/list-attachments";
import { can } from "@/lib/server/auth/authorize";
import { requireUser } from "@/lib/server/auth/current-user";
import { AttachmentGallery } from "./attachment-gallery";
import { AttachmentUploader } from "./attachment-uploader";

// 现场照片和附件 of one report revision (with the period's earlier revisions): on the report form
// with the upload (while the report may change), read-only on the reviewer's view.
export async function ReportAttachments({ report, upload }: { report: { id: number; status: string; isCurrent: boolean } | null; upload: boolean }) {
  const heading = <h2 className="font-semibold">现场照片和附件</h2>;
  if (!report)
    return (
      <section className="mt-4 rounded bg-white p-4 shadow-sm" data-testid="report-attachments">
        {heading}
        <p className="mt-1 text-sm text-slate-600">先保存本期报告（草稿即可），再上传形象进度照片和文件。</p>
      </section>
    );
  const user = await requireUser();
  const [items, mayWrite] = await Promise.all([reportAttachments(user, { reportId: report.id }), can(user, "report.write", { report: report.id })]);
  const editable = upload && mayWrite && reportFilesEditable(report);
  const own = items.filter((a) => a.reportId === report.id).length;
  return (
    <section className="mt-4 rounded bg-white p-4 shadow-sm" data-testid="report-attachments">
      {heading}
      <div className="mt-2">
        <AttachmentGallery items={items} removable={editable} />
      </div>
      {editable && <AttachmentUploader url={`/api/v1/reports/${report.id}/attachments`} count={own} />}
      {upload && mayWrite && !editable && (
        <p className="mt-2 text-xs text-slate-500">
          {report.status === "SUBMITTED" ? "报告审核期间附件不能增删。" : "本期报告已审核锁定，附件不能增删；提交更正后可在新版本上补充。"}
        </p>
      )}
    </section>
  );
}
