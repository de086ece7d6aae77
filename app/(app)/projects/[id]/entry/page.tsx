import { BackToProject, Forbidden } from "@/components/forbidden";
import { ProjectEntryForm } from "../../new/project-entry-form";
import { zhPortfolio } from "@/lib/i18n/zh-CN-portfolio";
import { exactString, inUnit, toDecimal } from "@/lib/money";
import { grantOf } from "@/lib/permissions";
import { FUNDING_FIELDS } from "@/lib/schemas/project-entry";
import { sectionName } from "@/lib/sections";
import { can } from "@/lib/server/auth/authorize";
import { requireUser } from "@/lib/server/auth/current-user";
import { entryChoices } from "@/lib/server/projects/entry-choices";
import { getProject } from "@/lib/server/projects/get-project";
import { moneyUnit } from "@/lib/ui/money-unit";
import { idParam, orNotFound } from "@/lib/ui/or-not-found";
import { projectPageTitle } from "@/lib/ui/page-title";

const E = zhPortfolio.entryEdit;

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  return projectPageTitle((await params).id, E.title);
}

// The entry form for a project not yet admitted (申报中 / 退回): edited directly, a returned one resubmitted.
export default async function EntryEditPage({ params }: { params: Promise<{ id: string }> }) {
  const id = idParam((await params).id);
  const user = await requireUser();
  const p = await orNotFound(getProject(user, { id }));
  if (!(await can(user, "project.create", { project: id }))) return <Forbidden projectId={id} />;
  if (p.admission === "ADMITTED") {
    return (
      <>
        <BackToProject id={id} name={p.name} />
        <p className="mt-4 rounded bg-amber-50 px-3 py-2 text-sm text-amber-900">{E.admitted}</p>
      </>
    );
  }
  const [unit, choices] = await Promise.all([moneyUnit(), entryChoices(user, { planId: p.plan.id })]);
  const money = (v: { toString(): string } | null) => exactString(inUnit(toDecimal(v), unit)) ?? "";
  return (
    <>
      <BackToProject id={id} name={p.name} />
      <h1 className="mt-1 mb-2 text-xl font-semibold">{p.admission === "RETURNED" ? E.resubmitTitle : E.title}</h1>
      <p className="mb-2 max-w-3xl text-sm text-slate-600">{E.note}</p>
      {p.admission === "RETURNED" && (
        <p className="mb-4 max-w-3xl rounded bg-red-50 px-3 py-2 text-sm text-red-800">{zhPortfolio.banner.RETURNED(p.admissionComment)}</p>
      )}
      <ProjectEntryForm
        mode="edit"
        admitsDirectly={grantOf(user.role, "project.admit") !== undefined}
        units={choices.units}
        sections={choices.sections.map((s) => ({ id: s.id, name: sectionName(s) }))}
        lines={choices.lines}
        defaults={{
          id: p.id,
          version: p.version,
          planId: p.plan.id,
          unitId: p.unitId ?? "",
          sectionId: p.sectionId,
          parentId: p.parentId ?? "",
          name: p.name,
          owner: p.owner ?? "",
          nature: p.nature ?? undefined,
          startYear: p.startYear ?? "",
          endYear: p.endYear ?? "",
          totalInvestment: money(p.totalInvestment),
          moneyUnit: unit,
          ...Object.fromEntries(FUNDING_FIELDS.map((f) => [f, money(p[f])])),
          scope: p.scope ?? "",
          approvalCode: p.approvalCode ?? "",
        }}
      />
    </>
  );
}
