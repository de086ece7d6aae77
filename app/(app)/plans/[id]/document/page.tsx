import Link from "next/link";
import { zhPlans } from "@/lib/i18n/zh-CN-plans";
import { requireUser } from "@/lib/server/auth/current-user";
import { getPlanDocument } from "@/lib/server/plans/get-plan-document";
import { idParam, orNotFound } from "@/lib/ui/or-not-found";
import { planPageTitle } from "@/lib/ui/page-title";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  return planPageTitle((await params).id, "规划文本");
}

// The plan's document text as kept with the plan.
export default async function PlanDocumentPage({ params }: { params: Promise<{ id: string }> }) {
  const id = idParam((await params).id);
  const plan = await orNotFound(getPlanDocument(await requireUser(), { id }));
  return (
    <>
      <p className="text-sm text-slate-500">
        <Link href={`/plans/${plan.id}`} className="hover:underline">
          {plan.title}
        </Link>
      </p>
      <h1 className="mt-1 text-xl font-semibold">{zhPlans.document.title(plan.title)}</h1>
      {plan.sourceFile && <p className="mt-1 text-sm text-slate-600">{plan.sourceFile}</p>}
      {plan.sourceDocument ? (
        <pre className="mt-4 rounded bg-white p-6 font-sans text-sm leading-7 whitespace-pre-wrap shadow-sm" data-testid="plan-document">
          {plan.sourceDocument}
        </pre>
      ) : (
        <p className="mt-4 rounded bg-white p-4 text-sm text-slate-600 shadow-sm">{zhPlans.document.none}</p>
      )}
    </>
  );
}
