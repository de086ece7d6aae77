import { BackToProject, Forbidden } from "@/components/forbidden";
import { MilestoneEditor } from "./milestone-editor";
import { MilestoneAttachments } from "@/components/attachments/milestone-attachments";
import { can } from "@/lib/server/auth/authorize";
import { requireUser } from "@/lib/server/auth/current-user";
import { getProject } from "@/lib/server/projects/get-project";
import { projectMilestones } from "@/lib/server/reports/project-reports";
import { idParam, orNotFound } from "@/lib/ui/or-not-found";
import { projectPageTitle } from "@/lib/ui/page-title";

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : "");

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  return projectPageTitle((await params).id, "编辑节点");
}

export default async function MilestonesPage({ params }: { params: Promise<{ id: string }> }) {
  const id = idParam((await params).id);
  const user = await requireUser();
  const p = await orNotFound(getProject(user, { id }));
  if (!(await can(user, "milestone.write", { project: id }))) return <Forbidden projectId={id} />;
  const milestones = await projectMilestones(user, { projectId: id });
  return (
    <>
      <BackToProject id={id} name={p.name} />
      <h1 className="mt-1 mb-3 text-xl font-semibold">编辑节点</h1>
      <MilestoneEditor
        projectId={id}
        listVersion={p.milestonesVersion}
        initial={milestones.map((m) => ({
          id: m.id,
          version: m.version,
          code: m.code,
          name: m.name,
          plannedDate: day(m.plannedDate),
          actualDate: day(m.actualDate),
          docNumber: m.docNumber ?? "",
          docDate: day(m.docDate),
        }))}
      />
      <MilestoneAttachments projectId={id} milestones={milestones} />
    </>
  );
}
