import { FilterSelect, filterInputClass, STATUS_OPTIONS } from "@/components/filter-select";
import { sectionName } from "@/lib/sections";
import Link from "next/link";
import { Hint } from "@/components/finance/hint";
import { zhFinance } from "@/lib/i18n/zh-CN-finance";
import { Money } from "@/components/money";
import { zh } from "@/lib/i18n/zh-CN";
import { UNIT_LABEL } from "@/lib/money";
import { parseProjectFilters, type ProjectFilters } from "@/lib/schemas/project-filters";
import { filterOptions } from "@/lib/server/plans/filter-options";
import { listProjects } from "@/lib/server/projects/list-projects";
import { moneyUnit } from "@/lib/ui/money-unit";
import { DownloadButton } from "@/components/excel/download-button";
import { grantOf } from "@/lib/permissions";
import { requireUser } from "@/lib/server/auth/current-user";
import { zhPortfolio } from "@/lib/i18n/zh-CN-portfolio";
import { periodLabel } from "@/lib/periods";
import type { Metadata } from "next";

type Search = Record<string, string | string[] | undefined>;

function href(f: ProjectFilters, change: Partial<Record<keyof ProjectFilters, string | number | undefined>>) {
  const merged: Record<string, string | number | undefined> = { ...f, ...change };
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(merged)) {
    if (v === undefined || v === "" || (k === "page" && v === 1) || (k === "sort" && v === "order") || (k === "dir" && v === "asc")) continue;
    qs.set(k, String(v));
  }
  return `/projects?${qs}`;
}

const select = filterInputClass;

export const metadata: Metadata = { title: zh.project.list };

export default async function ProjectsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const f = parseProjectFilters(await searchParams);
  const user = await requireUser();
  const [{ rows, counts, totalWan, unknownCount, pages }, options, unit] = await Promise.all([
    listProjects(user, f),
    filterOptions(user, { planId: f.plan }),
    moneyUnit(),
  ]);
  const csvHref = `/api/v1/exports/csv/projects?${href(f, { page: 1 }).split("?")[1]}&money=${unit}`;
  const sortHeader = (key: ProjectFilters["sort"], label: string, right = false) => (
    <th className={`px-3 py-2 ${right ? "text-right" : ""}`}>
      <Link
        href={href(f, { sort: key, dir: f.sort === key && f.dir === "asc" ? "desc" : "asc", page: 1 })}
        className="hover:underline"
        data-testid={`sort-${key}`}
      >
        {label}
        {f.sort === key ? (f.dir === "asc" ? " ▲" : " ▼") : ""}
      </Link>
    </th>
  );
  return (
    <>
      <div className="mb-3 flex items-center gap-4">
        <h1 className="text-xl font-semibold">{zh.project.list}</h1>
        {grantOf(user.role, "project.create") && (
          <Link
            href={`/projects/new${f.plan ? `?plan=${f.plan}` : ""}`}
            className="ml-auto rounded bg-sky-700 px-3 py-1 text-sm text-white hover:bg-sky-800"
            data-testid="new-project"
          >
            {zhPortfolio.create.link}
          </Link>
        )}
      </div>
      <form method="get" className="grid grid-cols-2 gap-3 rounded bg-white p-3 text-sm shadow-sm md:grid-cols-4 lg:grid-cols-8" data-testid="project-filters">
        <label className="col-span-2">
          规划
          <select name="plan" defaultValue={f.plan ?? ""} className={select}>
            <option value="">{zh.project.all}</option>
            {options.plans.map((p) => (
              <option key={p.id} value={p.id}>
                {p.title}
              </option>
            ))}
          </select>
        </label>
        <FilterSelect
          label={zh.project.unit}
          name="unit"
          value={f.unit}
          options={options.units.map((u) => ({ value: u.id, label: u.name }))}
          disabled={!f.plan}
        />
        <FilterSelect
          label={zh.project.section}
          name="section"
          value={f.section}
          options={options.sections.map((s) => ({ value: s.id, label: sectionName(s) }))}
          disabled={!f.plan}
        />
        <FilterSelect label={zh.project.status} name="status" value={f.status} options={STATUS_OPTIONS} />
        <label>
          {zh.project.startFrom}
          <input name="from" type="number" min={1990} max={2100} defaultValue={f.from ?? ""} className={select} />
        </label>
        <label>
          {zh.project.endBy}
          <input name="to" type="number" min={1990} max={2100} defaultValue={f.to ?? ""} className={select} />
        </label>
        <label>
          {zh.project.search}
          <input name="q" defaultValue={f.q ?? ""} className={select} />
        </label>
        <div className="col-span-2 flex flex-wrap items-end gap-2 md:col-span-4 lg:col-span-8">
          <button type="submit" className="rounded bg-sky-700 px-4 py-1.5 text-white hover:bg-sky-800">
            {zh.project.filter}
          </button>
          <Link href="/projects" className="rounded px-3 py-1.5 text-slate-600 ring-1 ring-slate-300 hover:bg-slate-100">
            {zh.project.reset}
          </Link>
          {grantOf(user.role, "export.run") && <DownloadButton href={csvHref} label={zh.project.exportCsv} testId="csv-projects" />}
          <span className="ml-auto text-slate-600" data-testid="list-summary">
            <Hint label={zhFinance.counting.projects(counts.projectCount)} text={zhFinance.counting.rule} />
            {counts.subProjectCount > 0 && ` · ${zhFinance.counting.subProjects} ${counts.subProjectCount}`}
            {counts.programmeCount > 0 && ` · ${zh.plan.programmes} ${counts.programmeCount}`} · {zh.plan.total} <Money wan={totalWan} unit={unit} withUnit />
            {unknownCount > 0 && ` · ${zh.plan.unknownCount} ${unknownCount} 项`}
          </span>
        </div>
      </form>
      {rows.length === 0 ? (
        <p className="mt-6 text-slate-600">{zh.project.none}</p>
      ) : (
        // On a phone, one card per project (globals.css: cards-on-phone): every figure without sideways scrolling.
        <table className="cards-on-phone mt-3 w-full bg-white text-sm shadow-sm" data-testid="project-table">
          <thead className="bg-slate-100 text-left text-slate-600">
            <tr>
              {sortHeader("name", zh.project.name)}
              {sortHeader("unit", zh.project.unit)}
              <th className="px-3 py-2">{zh.project.section}</th>
              {sortHeader("start", zh.project.period)}
              {sortHeader("total", `${zh.project.total}（${UNIT_LABEL[unit]}）`, true)}
              {sortHeader("status", zh.project.status)}
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => (
              <tr key={p.id} className="border-t align-top">
                <td className="px-3 py-2">
                  <Link href={`/projects/${p.id}`} className="text-sky-700 hover:underline">
                    {p.name}
                  </Link>
                  {p.kind === "PROGRAMME" && <span className="ml-2 rounded bg-slate-100 px-1.5 text-xs text-slate-600">{zh.projectKind.PROGRAMME}</span>}
                  {p._count.children > 0 && <span className="ml-2 rounded bg-sky-50 px-1.5 text-xs text-sky-800">打包 {p._count.children} 项</span>}
                  {p.parent && <div className="text-xs text-slate-500">↳ {p.parent.name.slice(0, 30)}…</div>}
                  {p._count.warnings > 0 && <span className="ml-2 rounded bg-amber-100 px-1.5 text-xs text-amber-800">⚠ 数据提示</span>}
                  {p.admission === "PROPOSED" && <span className="ml-2 rounded bg-sky-50 px-1.5 text-xs text-sky-800">{zhPortfolio.list.proposed}</span>}
                  {p.admission === "RETURNED" && <span className="ml-2 rounded bg-red-50 px-1.5 text-xs text-red-800">{zhPortfolio.list.returned}</span>}
                  {p.endPeriod && (
                    <span className="ml-2 rounded bg-slate-200 px-1.5 text-xs text-slate-700" data-testid="withdrawn-mark">
                      {zhPortfolio.list.withdrawn(periodLabel(p.endPeriod))}
                    </span>
                  )}
                  {!f.plan && <div className="text-xs text-slate-500">{p.plan.title}</div>}
                </td>
                <td className="px-3 py-2 whitespace-nowrap" data-label={zh.project.unit}>
                  {p.unit?.name ?? "—"}
                </td>
                <td className="px-3 py-2 whitespace-nowrap" data-label={zh.project.section}>
                  {sectionName(p.section)}
                </td>
                <td className="px-3 py-2 whitespace-nowrap" data-label={zh.project.period}>
                  {p.startYear ? `${p.startYear}–${p.endYear ?? ""}` : "—"}
                </td>
                <td className="px-3 py-2 num" data-label={`${zh.project.total}（${UNIT_LABEL[unit]}）`}>
                  {p.parent ? <span className="text-slate-600">计入上级</span> : <Money wan={p.totalInvestment} unit={unit} />}
                </td>
                <td className="px-3 py-2 whitespace-nowrap" data-label={zh.project.status}>
                  {zh.status[p.status]}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {pages > 1 && (
        <nav className="mt-3 flex items-center gap-3 text-sm">
          {f.page > 1 && (
            <Link href={href(f, { page: f.page - 1 })} className="text-sky-700 hover:underline">
              {zh.project.prev}
            </Link>
          )}
          <span>{zh.project.page(f.page, pages)}</span>
          {f.page < pages && (
            <Link href={href(f, { page: f.page + 1 })} className="text-sky-700 hover:underline">
              {zh.project.next}
            </Link>
          )}
        </nav>
      )}
    </>
  );
}
