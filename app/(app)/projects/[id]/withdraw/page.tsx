import { BackToProject, Forbidden } from "@/components/forbidden";
import { WithdrawForm } from "./withdraw-form";
import { zhPortfolio } from "@/lib/i18n/zh-CN-portfolio";
import { periodLabel } from "@/lib/periods";
import { requireUser } from "@/lib/server/auth/current-user";
import { openChangeRequest } from "@/lib/server/projects/change-requests";
import { getProject } from "@/lib/server/projects/get-project";
import { withdrawalOptions } from "@/lib/server/projects/withdrawal-options";
import { idParam, orNotFound } from "@/lib/ui/or-not-found";
import { projectPageTitle } from "@/lib/ui/page-title";

const W = zhPortfolio.withdraw;

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  return projectPageTitle((await params).id, W.title);
}

// 调出/取消 request for an admitted project that has not left its plan.
export default async function WithdrawPage({ params }: { params: Promise<{ id: string }> }) {
  const id = idParam((await params).id);
  const user = await requireUser();
  const [p, options, open] = await Promise.all([
    orNotFound(getProject(user, { id })),
    orNotFound(withdrawalOptions(user, { projectId: id })),
    openChangeRequest(user, { projectId: id }),
  ]);
  if (!options.allowed) return <Forbidden projectId={id} />;
  const refusal =
    p.admission !== "ADMITTED" ? W.notAdmitted : p.endPeriod ? zhPortfolio.banner.withdrawn(periodLabel(p.endPeriod)) : open ? W.open(open.id) : null;
  return (
    <>
      <BackToProject id={id} name={p.name} />
      <h1 className="mt-1 mb-2 text-xl font-semibold">{W.title}</h1>
      <p className="mb-2 max-w-2xl text-sm text-slate-600">{W.note}</p>
      {refusal ? (
        <p className="max-w-2xl rounded bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="withdraw-refused">
          {refusal}
        </p>
      ) : (
        <>
          <p className="mb-4 max-w-2xl text-sm text-slate-600">{W.rule(periodLabel(options.periods[0]))}</p>
          <WithdrawForm defaults={{ projectId: id, version: p.version, effectivePeriod: options.periods[0], reason: "" }} periods={options.periods} />
        </>
      )}
    </>
  );
}
