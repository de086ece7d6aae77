import Link from "next/link";
import { formatDateTime } from "@/lib/dates";
import { zhPlans } from "@/lib/i18n/zh-CN-plans";
import { requireUser } from "@/lib/server/auth/current-user";
import { getPlanAdmin } from "@/lib/server/plans/get-plan-admin";
import { orForbidden } from "@/lib/ui/or-forbidden";
import { idParam, orNotFound } from "@/lib/ui/or-not-found";
import { PlanSettingsForm } from "../plan-settings-form";
import { ArchiveForm } from "./archive-form";
import { SectionsPanel } from "./sections-panel";
import { UnitsPanel } from "./units-panel";
import { planPageTitle } from "@/lib/ui/page-title";

// The plan office's page of one plan: its settings, archive, reporting units and sections.
const T = zhPlans.settings;

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  return planPageTitle((await params).id, "规划设置");
}

export default async function PlanSettingsPage({ params }: { params: Promise<{ id: string }> }) {
  const id = idParam((await params).id);
  const user = await requireUser();
  const view = await orForbidden(orNotFound(getPlanAdmin(user, { id })));
  if (!view.ok) return view.page;
  const { plan, hasDocument, cycleLocked, units, retiredUnits, sections, regions } = view.data;
  const readOnly = plan.archivedAt !== null;
  return (
    <>
      <p className="text-sm text-slate-500">
        <Link href={`/plans/${plan.id}`} className="hover:underline">
          {plan.title}
        </Link>
      </p>
      <h1 className="mt-1 text-xl font-semibold">{T.title(plan.title)}</h1>
      {plan.archivedAt && (
        <p className="mt-3 rounded border border-slate-300 bg-slate-100 px-4 py-2 text-sm text-slate-800" data-testid="plan-archived">
          {zhPlans.archive.archived(formatDateTime(plan.archivedAt))}
        </p>
      )}
      <section className="mt-6">
        <h2 className="mb-2 font-semibold">{T.general}</h2>
        {readOnly ? (
          <p className="rounded bg-white p-4 text-sm text-slate-700 shadow-sm">
            {plan.title} · {plan.periodStart}–{plan.periodEnd} · {zhPlans.cycle[plan.reportingCycle]} · {plan.region.name}
          </p>
        ) : (
          <PlanSettingsForm plan={plan} cycleLocked={cycleLocked} hasDocument={hasDocument} />
        )}
        <div className="mt-3">
          <ArchiveForm id={plan.id} version={plan.version} archived={readOnly} />
        </div>
      </section>
      <section className="mt-8">
        <h2 className="mb-2 font-semibold">{T.units}</h2>
        <UnitsPanel planId={plan.id} units={units} retired={retiredUnits} regions={regions} readOnly={readOnly} />
      </section>
      <section className="mt-8">
        <h2 className="mb-2 font-semibold">{T.sections}</h2>
        <SectionsPanel planId={plan.id} sections={sections} readOnly={readOnly} />
      </section>
    </>
  );
}
