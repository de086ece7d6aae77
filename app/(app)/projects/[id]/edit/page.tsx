import { BackToProject, Forbidden } from "@/components/forbidden";
import { Decimal } from "decimal.js";
import { ProjectEditForm } from "./project-edit-form";
import { can } from "@/lib/server/auth/authorize";
import { requireUser } from "@/lib/server/auth/current-user";
import { getProject } from "@/lib/server/projects/get-project";
import { moneyUnit } from "@/lib/ui/money-unit";
import { idParam, orNotFound } from "@/lib/ui/or-not-found";

export default async function EditProjectPage({ params }: { params: Promise<{ id: string }> }) {
  const id = idParam((await params).id);
  const user = await requireUser();
  const p = await orNotFound(getProject(id));
  if (!(await can(user, "project.update", { project: id }))) return <Forbidden projectId={id} />;
  const unit = await moneyUnit();
  const total = p.totalInvestment === null ? "" : (unit === "yi" ? new Decimal(p.totalInvestment.toString()).div(10000) : new Decimal(p.totalInvestment.toString())).toFixed();
  return (
    <>
      <BackToProject id={id} name={p.name} />
      <h1 className="mt-1 mb-4 text-xl font-semibold">编辑项目</h1>
      <ProjectEditForm
        isSubProject={p.parentId !== null}
        defaults={{
          id: p.id,
          version: p.version,
          name: p.name,
          owner: p.owner ?? "",
          startYear: p.startYear ?? "",
          endYear: p.endYear ?? "",
          totalInvestment: total,
          moneyUnit: unit,
          status: p.status,
          reason: "",
        }}
      />
    </>
  );
}
