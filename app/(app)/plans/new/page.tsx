import Link from "next/link";
import { zhPlans } from "@/lib/i18n/zh-CN-plans";
import { zh } from "@/lib/i18n/zh-CN";
import { requireUser } from "@/lib/server/auth/current-user";
import { regionChoices } from "@/lib/server/plans/region-choices";
import { orForbidden } from "@/lib/ui/or-forbidden";
import { PlanCreateForm } from "./plan-create-form";
import type { Metadata } from "next";

export const metadata: Metadata = { title: zhPlans.form.newTitle };

export default async function NewPlanPage() {
  const regions = await orForbidden(regionChoices(await requireUser(), {}));
  if (!regions.ok) return regions.page;
  return (
    <>
      <p className="text-sm text-slate-500">
        <Link href="/plans" className="hover:underline">
          {zh.plan.list}
        </Link>
      </p>
      <h1 className="mt-1 mb-4 text-xl font-semibold">{zhPlans.form.newTitle}</h1>
      <PlanCreateForm regions={regions.data} />
    </>
  );
}
