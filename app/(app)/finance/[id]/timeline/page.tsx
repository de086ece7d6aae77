import { FilterSelect, filterInputClass, STATUS_OPTIONS } from "@/components/filter-select";
import { sectionName } from "@/lib/sections";
import Link from "next/link";
import { Hint } from "@/components/finance/hint";
import { zhFinance } from "@/lib/i18n/zh-CN-finance";
import { zh } from "@/lib/i18n/zh-CN";
import { flatParams } from "@/lib/schemas/finance";
import { requireUser } from "@/lib/server/auth/current-user";
import { getTimeline } from "@/lib/server/finance/get-timeline";
import { orForbidden } from "@/lib/ui/or-forbidden";
import { idParam, orNotFound } from "@/lib/ui/or-not-found";
import { planPageTitle } from "@/lib/ui/page-title";

type Search = Record<string, string | string[] | undefined>;
const select = filterInputClass;
// Status bars: colours reaching 3:1 against white, and a texture besides the hue (stripes for 前期, solid
// for 在建, bars for 竣工, solid dark for 投用), the legend drawn the same way.
const STATUS_BAR: Record<string, string> = {
  PREPARATION: "bg-[repeating-linear-gradient(45deg,#64748b_0_3px,#ffffff_3px_5px)] ring-1 ring-slate-500",
  CONSTRUCTION: "bg-sky-600",
  COMPLETED: "bg-[repeating-linear-gradient(90deg,#047857_0_4px,#ffffff_4px_6px)] ring-1 ring-emerald-700",
  IN_USE: "bg-emerald-900",
};
const day = (d: Date) => d.toISOString().slice(0, 10);

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  return planPageTitle((await params).id, zhFinance.timeline);
}

// A Gantt-like chart of build periods (start year to end year) with milestone markers:
// ◇ planned date, ◆ actual date (green when on or before plan, red when late or overdue).
export default async function TimelinePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Search> }) {
  const id = idParam((await params).id);
  const search = flatParams(await searchParams);
  const result = await orForbidden(orNotFound(getTimeline(await requireUser(), { ...search, plan: id })));
  if (!result.ok) return result.page;
  const t = result.data;
  const today = new Date();
  // Extend the axis to milestone dates outside the build periods.
  let first = t.firstYear;
  let last = Math.max(t.lastYear, today.getUTCFullYear());
  for (const p of t.projects)
    for (const m of p.milestones)
      for (const d of [m.plannedDate, m.actualDate]) {
        if (d) {
          first = Math.min(first, d.getUTCFullYear());
          last = Math.max(last, d.getUTCFullYear());
        }
      }
  const span = Date.UTC(last + 1, 0, 1) - Date.UTC(first, 0, 1);
  const pos = (ms: number) => `${(((ms - Date.UTC(first, 0, 1)) / span) * 100).toFixed(3)}%`;
  const years = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  const todayMs = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());

  return (
    <>
      <p className="text-sm text-slate-500">
        <Link href={`/finance/${t.plan.id}`} className="hover:underline">
          ← {zhFinance.back}
        </Link>
      </p>
      <h1 className="mt-1 text-xl font-semibold" data-testid="timeline-title">
        {t.plan.title} · {zhFinance.timeline}
      </h1>
      <form method="get" className="mt-3 grid grid-cols-2 gap-3 rounded bg-white p-3 text-sm shadow-sm md:grid-cols-5" data-testid="timeline-filters">
        <label>
          {zh.project.unit}
          <select name="unit" defaultValue={t.filters.unit === undefined ? "" : String(t.filters.unit)} className={select}>
            <option value="">{zh.project.all}</option>
            {t.units.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
            <option value="none">{zhFinance.noUnit}</option>
          </select>
        </label>
        <FilterSelect
          label={zh.project.section}
          name="section"
          value={t.filters.section}
          options={t.sections.map((s) => ({ value: s.id, label: sectionName(s) }))}
        />
        <FilterSelect label={zh.project.status} name="status" value={t.filters.status} options={STATUS_OPTIONS} />
        <label>
          {zh.project.search}
          <input name="q" defaultValue={t.filters.q ?? ""} className={select} />
        </label>
        <div className="flex items-end gap-2">
          <button type="submit" className="rounded bg-sky-700 px-4 py-1.5 text-white hover:bg-sky-800">
            {zh.project.filter}
          </button>
          <Link href={`/finance/${t.plan.id}/timeline`} className="rounded px-3 py-1.5 text-slate-600 ring-1 ring-slate-300 hover:bg-slate-100">
            {zh.project.reset}
          </Link>
        </div>
      </form>
      <div className="mt-2 flex flex-wrap items-center gap-4 text-xs text-slate-600">
        <Hint
          label={
            <span data-testid="timeline-count">
              {zhFinance.counting.projects(t.count)}
              {t.subProjectCount > 0 && `，${zhFinance.counting.subNote(t.subProjectCount)}`}
            </span>
          }
          text={`${zhFinance.counting.rule} ${zhFinance.timelineSubNote}`}
        />
        {t.rowCount > t.projects.length && <span className="text-amber-700">{zhFinance.timelineLimit(t.projects.length, t.rowCount)}</span>}
        {Object.entries(STATUS_BAR).map(([k, cls]) => (
          <span key={k} className="flex items-center gap-1">
            <span className={`inline-block h-2 w-5 rounded ${cls}`} /> {zh.status[k]}
          </span>
        ))}
        <span>◇ {zhFinance.milestonePlanned}</span>
        <span>◆ {zhFinance.milestoneActual}</span>
        <span className="flex items-center gap-1">
          <span className="inline-block h-3 w-px bg-red-500" /> {zhFinance.today}
        </span>
      </div>
      <div className="mt-2 overflow-x-auto rounded bg-white shadow-sm" data-testid="timeline">
        <div className="min-w-[900px]">
          <div className="flex border-b bg-slate-100 text-xs text-slate-600">
            <div className="w-80 shrink-0 px-2 py-1">{zh.project.name}</div>
            <div className="relative flex-1">
              {years.map((y) => (
                <span key={y} className="absolute top-1 -translate-x-0 border-l border-slate-300 pl-1" style={{ left: pos(Date.UTC(y, 0, 1)) }}>
                  {y}
                </span>
              ))}
              &nbsp;
            </div>
          </div>
          {t.projects.map((p) => {
            const startMs = p.startYear ? Date.UTC(p.startYear, 0, 1) : null;
            const endMs = p.endYear ? Date.UTC(p.endYear + 1, 0, 1) : null;
            return (
              <div key={p.id} className="flex border-b text-sm last:border-b-0 hover:bg-sky-50/40" data-testid="timeline-row">
                <div className="w-80 shrink-0 truncate px-2 py-1.5" title={p.name}>
                  {p.parentId && <span className="text-slate-600">↳ </span>}
                  <Link href={`/projects/${p.id}`} className="text-sky-700 hover:underline">
                    {p.name}
                  </Link>
                  <div className="truncate text-xs text-slate-500">
                    {p.unit?.name ?? zhFinance.noUnit} · {sectionName(p.section)} · {p.startYear ? `${p.startYear}–${p.endYear ?? ""}` : "—"}
                  </div>
                </div>
                <div className="relative flex-1">
                  {years.map((y) => (
                    <span key={y} className="absolute inset-y-0 border-l border-slate-100" style={{ left: pos(Date.UTC(y, 0, 1)) }} />
                  ))}
                  <span className="absolute inset-y-0 w-px bg-red-500/70" style={{ left: pos(todayMs) }} />
                  {startMs !== null && endMs !== null && (
                    <span
                      className={`absolute top-1/2 h-3 -translate-y-1/2 rounded ${STATUS_BAR[p.status]}`}
                      style={{ left: pos(startMs), width: `calc(${pos(endMs)} - ${pos(startMs)})` }}
                      title={`${zhFinance.buildPeriod} ${p.startYear}–${p.endYear} · ${zh.status[p.status]}`}
                    />
                  )}
                  {p.milestones.map((m) => {
                    const late = m.plannedDate && (m.actualDate ? m.actualDate > m.plannedDate : m.plannedDate.getTime() < todayMs);
                    return (
                      <span key={m.id}>
                        {m.plannedDate && (
                          <span
                            className={`absolute top-1/2 -translate-x-1/2 -translate-y-1/2 text-xs ${!m.actualDate && late ? "text-red-600" : "text-slate-700"}`}
                            style={{ left: pos(m.plannedDate.getTime()) }}
                            title={`${m.name} ${zhFinance.milestonePlanned} ${day(m.plannedDate)}`}
                            data-testid="milestone-planned"
                          >
                            ◇
                          </span>
                        )}
                        {m.actualDate && (
                          <span
                            className={`absolute top-1/2 -translate-x-1/2 -translate-y-1/2 text-xs ${late ? "text-red-600" : "text-emerald-700"}`}
                            style={{ left: pos(m.actualDate.getTime()) }}
                            title={`${m.name} ${zhFinance.milestoneActual} ${day(m.actualDate)}`}
                            data-testid="milestone-actual"
                          >
                            ◆
                          </span>
                        )}
                      </span>
                    );
                  })}
                </div>
              </div>
            );
          })}
          {t.projects.length === 0 && <p className="p-6 text-center text-sm text-slate-500">{zh.project.none}</p>}
        </div>
      </div>
    </>
  );
}
