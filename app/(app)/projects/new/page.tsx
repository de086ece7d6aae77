import Link from "next/link";
import { ProjectEntryForm } from "./project-entry-form";
import { zh } from "@/lib/i18n/zh-CN";
import { zhPortfolio } from "@/lib/i18n/zh-CN-portfolio";
import { grantOf } from "@/lib/permissions";
import { sectionName } from "@/lib/sections";
import { requireUser } from "@/lib/server/auth/current-user";
import { entryChoices } from "@/lib/server/projects/entry-choices";
import { moneyUnit } from "@/lib/ui/money-unit";
import { orForbidden } from "@/lib/ui/or-forbidden";
import type { Metadata } from "next";

const C = zhPortfolio.create;

export const metadata: Metadata = { title: C.title };

// 新增项目: choose the plan (a plain GET form), then unit, category and the facts in the entry form.
export default async function NewProjectPage({ searchParams }: { searchParams: Promise<{ plan?: string }> }) {
  const user = await requireUser();
  const planId = Number((await searchParams).plan) || undefined;
  const choices = await orForbidden(entryChoices(user, { planId }));
  if (!choices.ok) return choices.page;
  const { plans, plan, units, sections, lines } = choices.data;
  const admitsDirectly = grantOf(user.role, "project.admit") !== undefined;
  return (
    <>
      <p className="text-sm text-slate-500">
        <Link href="/projects" className="hover:underline">
          {zh.project.list}
        </Link>
      </p>
      <h1 className="mt-1 mb-2 text-xl font-semibold">{C.title}</h1>
      <p className="mb-4 max-w-3xl text-sm text-slate-600">{C.officerNote}</p>
      <form method="get" className="mb-4 flex max-w-3xl items-end gap-3 rounded bg-white p-3 text-sm shadow-sm" data-testid="entry-plan">
        <label className="flex-1">
          {zhPortfolio.fields.plan}
          <select name="plan" defaultValue={plan?.id ?? ""} className="mt-1 block w-full rounded border border-slate-300 px-2 py-1.5">
            <option value="">{C.choosePlan}</option>
            {plans.map((p) => (
              <option key={p.id} value={p.id}>
                {p.title}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="rounded bg-sky-700 px-3 py-1.5 text-white hover:bg-sky-800">
          选择
        </button>
      </form>
      {plan &&
        (units.length === 0 ? (
          <p className="rounded bg-white p-4 text-sm text-slate-600 shadow-sm">{C.noUnits}</p>
        ) : (
          <ProjectEntryForm
            key={plan.id}
            mode="create"
            admitsDirectly={admitsDirectly}
            units={units}
            sections={sections.map((s) => ({ id: s.id, name: sectionName(s) }))}
            lines={lines}
            defaults={{
              planId: plan.id,
              unitId: units.length === 1 ? units[0].id : "",
              sectionId: "",
              parentId: "",
              name: "",
              owner: "",
              startYear: "",
              endYear: "",
              totalInvestment: "",
              moneyUnit: await moneyUnit(),
              fundingCentral: "",
              fundingProvincial: "",
              fundingLocal: "",
              fundingSpecialBond: "",
              fundingSelf: "",
              scope: "",
              approvalCode: "",
            }}
          />
        ))}
    </>
  );
}
