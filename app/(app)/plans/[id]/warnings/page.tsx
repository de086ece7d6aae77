import { sectionName } from "@/lib/sections";
import Link from "next/link";
import { CsvButton } from "@/components/excel/csv-button";
import { zh } from "@/lib/i18n/zh-CN";
import { requireUser } from "@/lib/server/auth/current-user";
import { getPlan, getPlanWarnings } from "@/lib/server/plans/get-plan";
import { idParam, orNotFound } from "@/lib/ui/or-not-found";
import { planPageTitle } from "@/lib/ui/page-title";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  return planPageTitle((await params).id, zh.warning.list);
}

export default async function PlanWarningsPage({ params }: { params: Promise<{ id: string }> }) {
  const id = idParam((await params).id);
  const user = await requireUser();
  const [{ plan }, warnings] = await Promise.all([orNotFound(getPlan(user, { id })), getPlanWarnings(user, { planId: id })]);
  return (
    <>
      <p className="text-sm text-slate-500">
        <Link href={`/plans/${plan.id}`} className="hover:underline">
          {plan.title}
        </Link>
      </p>
      <div className="mt-1 flex items-center">
        <h1 className="text-xl font-semibold">{zh.warning.list}</h1>
        <span className="ml-auto">
          <CsvButton list="warnings" query={`plan=${plan.id}`} />
        </span>
      </div>
      <p className="mt-1 text-sm text-slate-600">以下问题来自规划原文本身，系统按原文载入、未作修改。</p>
      {warnings.length === 0 ? (
        <p className="mt-4">{zh.warning.none}</p>
      ) : (
        <ul className="mt-4 space-y-2" data-testid="warnings">
          {warnings.map((w) => (
            <li key={w.id} className="rounded border border-amber-200 bg-amber-50 px-4 py-2 text-sm">
              <span className="mr-2 rounded bg-amber-200 px-1.5 text-xs">{zh.warning[w.target]}</span>
              {w.project && (
                <Link href={`/projects/${w.project.id}`} className="mr-2 text-sky-700 hover:underline">
                  {w.project.unit?.name ? `${w.project.unit.name} · ` : ""}
                  {w.project.name}
                </Link>
              )}
              {w.section && <span className="mr-2 font-medium">{sectionName(w.section)}</span>}
              <span>{w.message}</span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
