import Link from "next/link";
import { requireUser } from "@/lib/server/auth/current-user";
import { carryOverCandidates } from "@/lib/server/carry-over/carry-over-candidates";
import { flatParams } from "@/lib/schemas/finance";
import { orForbidden } from "@/lib/ui/or-forbidden";
import { idParam, orNotFound } from "@/lib/ui/or-not-found";
import { CarryOverForm } from "./carry-over-form";
import { planPageTitle } from "@/lib/ui/page-title";

const num = (v: string | undefined) => (v && /^\d{1,9}$/.test(v) ? Number(v) : undefined);

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  return planPageTitle((await params).id, "结转续建项目");
}

// 续建: the plan office picks unfinished projects of a finished plan and carries them into this one.
export default async function CarryOverPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const id = idParam((await params).id);
  const sp = flatParams(await searchParams);
  const loaded = await orForbidden(
    orNotFound(carryOverCandidates(await requireUser(), { toPlanId: id, fromPlanId: num(sp.from), unitId: num(sp.unit), sectionId: num(sp.section) })),
  );
  if (!loaded.ok) return loaded.page;
  const c = loaded.data;
  const select = "mt-1 block max-w-full rounded border border-slate-300 bg-white px-2 py-1 text-sm";
  return (
    <>
      <p className="text-sm text-slate-500">
        <Link href={`/plans/${id}`} className="hover:underline">
          {c.to.title}
        </Link>
      </p>
      <h1 className="mt-1 text-xl font-semibold">结转续建项目</h1>
      <p className="mt-1 max-w-3xl text-sm text-slate-600">
        从已结束的规划中选择未竣工的项目，转入本规划续建。切换期次之前的期次仍属原规划，切换期次起属本规划：原规划已填报的切换期次及以后的调度报告随项目转入；累计完成接续计算，任何汇总都不会重复计算。
      </p>
      {c.sources.length === 0 ? (
        <p className="mt-4 rounded bg-white p-4 text-sm shadow-sm">没有可结转的来源规划（来源规划的规划期须早于本规划）。</p>
      ) : (
        <form className="mt-4 flex flex-wrap items-end gap-3 rounded bg-white p-3 text-sm shadow-sm" data-testid="carry-over-filter">
          <label className="max-w-full">
            来源规划
            <select name="from" defaultValue={c.from?.id} className={select}>
              {c.sources.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.title}（{s.periodStart}–{s.periodEnd}）
                </option>
              ))}
            </select>
          </label>
          <label>
            单位
            <select name="unit" defaultValue={sp.unit ?? ""} className={select}>
              <option value="">全部</option>
              {c.from?.units.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            类别
            <select name="section" defaultValue={sp.section ?? ""} className={select}>
              <option value="">全部</option>
              {c.from?.sections.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="rounded px-3 py-1.5 ring-1 ring-slate-300 hover:bg-slate-100">
            筛选
          </button>
        </form>
      )}
      {c.from && <CarryOverForm key={`${c.from.id}:${sp.unit ?? ""}:${sp.section ?? ""}`} data={c} />}
    </>
  );
}
