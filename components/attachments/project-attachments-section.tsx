import { projectAttachments } from "@/lib/server/attachments/list-attachments";
import { requireUser } from "@/lib/server/auth/current-user";
import { ProjectAttachments } from "./attachment-gallery";

// The project page's 现场照片与批复文件: the reports' photos by period, the milestones' documents with 文号.
export async function ProjectAttachmentsSection({ projectId }: { projectId: number }) {
  const items = await projectAttachments(await requireUser(), { projectId });
  return (
    <section className="mt-4 rounded bg-white p-4 shadow-sm" data-testid="project-attachments-section">
      <h2 className="mb-2 font-semibold">现场照片与批复文件</h2>
      <ProjectAttachments items={items} />
    </section>
  );
}
