import { redirect } from "next/navigation";
import { BackToProject, Forbidden } from "@/components/forbidden";
import { ProjectEditForm } from "./project-edit-form";
import { exactString, inUnit, toDecimal } from "@/lib/money";
import { sectionName } from "@/lib/sections";
import { can } from "@/lib/server/auth/authorize";
import { requireUser } from "@/lib/server/auth/current-user";
import { getProject } from "@/lib/server/projects/get-project";
import { openChangeRequest } from "@/lib/server/projects/change-requests";
import { filterOptions } from "@/lib/server/plans/filter-options";
import { moneyUnit } from "@/lib/ui/money-unit";
import { idParam, orNotFound } from "@/lib/ui/or-not-found";
import { projectPageTitle } from "@/lib/ui/page-title";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  return projectPageTitle((await params).id, "编辑项目");
}

export default async function EditProjectPage({ params }: { params: Promise<{ id: string }> }) {
  const id = idParam((await params).id);
  const user = await requireUser();
  const p = await orNotFound(getProject(user, { id }));
  // Not admitted yet: edited through its entry form, not by 调整申请.
  if (p.admission !== "ADMITTED") redirect(`/projects/${id}/entry`);
  const [direct, request] = await Promise.all([can(user, "project.update", { project: id }), can(user, "project.requestChange", { project: id })]);
  if (!direct && !request) return <Forbidden projectId={id} />;
  const [unit, choices, open] = await Promise.all([moneyUnit(), filterOptions(user, { planId: p.plan.id }), openChangeRequest(user, { projectId: id })]);
  return (
    <>
      <BackToProject id={id} name={p.name} />
      <h1 className="mt-1 mb-2 text-xl font-semibold">{direct ? "编辑项目" : "申请调整项目信息"}</h1>
      <p className="mb-4 max-w-2xl text-sm text-slate-600">
        {direct
          ? "管理员直接修改，须说明原因（如批复文件），修改记入操作日志。"
          : "项目名称、建设单位、建设周期、总投资、填报单位和类别的修改将作为调整申请提交财务/规划办审核，审核通过前正式统计仍按原数据。项目状态的手动修改直接生效（须说明原因）。"}
      </p>
      {open && (
        <p className="mb-4 max-w-2xl rounded bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="open-change-request">
          该项目已有待审核的调整申请 #{open.id}，审核后才能再次申请。
        </p>
      )}
      <ProjectEditForm
        mode={direct ? "direct" : "request"}
        isSubProject={p.parentId !== null}
        units={choices.units.map((u) => ({ id: u.id, name: u.name }))}
        sections={choices.sections.map((s) => ({ id: s.id, name: sectionName(s) }))}
        defaults={{
          id: p.id,
          version: p.version,
          name: p.name,
          owner: p.owner ?? "",
          startYear: p.startYear ?? "",
          endYear: p.endYear ?? "",
          totalInvestment: exactString(inUnit(toDecimal(p.totalInvestment), unit)) ?? "",
          moneyUnit: unit,
          unitId: p.unitId ?? "",
          sectionId: p.sectionId,
          status: p.status,
          reason: "",
          docNumber: "",
          docDate: "",
        }}
      />
    </>
  );
}
