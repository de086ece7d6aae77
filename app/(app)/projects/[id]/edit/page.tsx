import Link from "next/link";
import { Decimal } from "decimal.js";
import { ProjectEditForm } from "./project-edit-form";
import { zh } from "@/lib/i18n/zh-CN";
import { can } from "@/lib/server/auth/authorize";
import { requireUser } from "@/lib/server/auth/current-user";
import { getProject } from "@/lib/server/projects/get-project";
import { moneyUnit } from "@/lib/ui/money-unit";
import { idParam, orNotFound } from "@/lib/ui/or-not-found";

export default async function EditProjectPage({ params }: { params: Promise<{ id: string }> }) {
  const id = idParam((await params).id);
  const user = await requireUser();
  const p = await orNotFound(getProject(id));
  if (!(await can(user, "project.update", { project: id }))) {
    return (
      <div className="mt-8 rounded border border-red-200 bg-red-50 p-6 text-red-800" data-testid="forbidden">
        <p>{zh.errors.forbidden}</p>
        <p className="mt-1 text-sm">县级项目专干只能修改本单位的项目；如需修改请联系规划办。</p>
        <Link href={`/projects/${id}`} className="mt-3 inline-block text-sky-700 underline">
          返回项目
        </Link>
      </div>
    );
  }
  const unit = await moneyUnit();
  const total = p.totalInvestment === null ? "" : (unit === "yi" ? new Decimal(p.totalInvestment.toString()).div(10000) : new Decimal(p.totalInvestment.toString())).toFixed();
  return (
    <>
      <p className="text-sm text-slate-500">
        <Link href={`/projects/${id}`} className="hover:underline">
          {p.name}
        </Link>
      </p>
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
