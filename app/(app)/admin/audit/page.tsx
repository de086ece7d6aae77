import Link from "next/link";
import { CsvButton } from "@/components/excel/csv-button";
import { AuditTable } from "@/components/audit-table";
import { ACTION_LABEL, ENTITY_LABEL } from "@/lib/i18n/audit-labels";
import { auditFiltersSchema, listAudit } from "@/lib/server/audit/list-audit";
import { requireUser } from "@/lib/server/auth/current-user";
import { orForbidden } from "@/lib/ui/or-forbidden";
import type { Metadata } from "next";

const input = "mt-1 block w-full rounded border border-slate-300 bg-white px-2 py-1 text-sm";

export const metadata: Metadata = { title: "操作日志" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const f = auditFiltersSchema.parse(await searchParams);
  const audit = await orForbidden(listAudit(await requireUser(), f));
  if (!audit.ok) return audit.page;
  const { rows, total, pages, project } = audit.data;
  const query = (extra: Record<string, string | undefined>) =>
    new URLSearchParams(
      Object.entries({ ...f, project: f.project === undefined ? undefined : String(f.project), page: String(f.page), ...extra }).filter(
        (e): e is [string, string] => e[1] !== undefined,
      ),
    ).toString();
  const pageHref = (page: number) => `/admin/audit?${query({ page: String(page) })}`;
  return (
    <>
      <h1 className="mb-3 text-xl font-semibold">操作日志</h1>
      <form method="get" className="mb-3 grid grid-cols-2 gap-3 rounded bg-white p-3 text-sm shadow-sm md:grid-cols-4">
        <label>
          项目编号（含其调度报告、年度计划、节点、调整申请）
          <input name="project" inputMode="numeric" defaultValue={f.project ?? ""} className={input} />
        </label>
        <label>
          对象类型
          <select name="entityType" defaultValue={f.entityType ?? ""} className={input}>
            <option value="">全部</option>
            {Object.entries(ENTITY_LABEL).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label>
          对象编号
          <input name="entityId" defaultValue={f.entityId ?? ""} className={input} />
        </label>
        <label>
          操作
          <select name="action" defaultValue={f.action ?? ""} className={input}>
            <option value="">全部</option>
            {Object.entries(ACTION_LABEL).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label>
          操作人用户名
          <input name="actor" defaultValue={f.actor ?? ""} className={input} />
        </label>
        <label>
          起始日期
          <input type="date" name="from" defaultValue={f.from ?? ""} className={input} />
        </label>
        <label>
          截止日期
          <input type="date" name="to" defaultValue={f.to ?? ""} className={input} />
        </label>
        <div className="flex items-end gap-2">
          <button type="submit" className="rounded bg-sky-700 px-4 py-1.5 text-white">
            筛选
          </button>
          <span className="text-slate-600">共 {total} 条</span>
          <CsvButton list="audit" also="audit.readAll" query={query({ page: undefined })} />
        </div>
      </form>
      {project && (
        <p className="mb-2 text-sm text-slate-700" data-testid="audit-project">
          项目：
          <Link href={`/projects/${project.id}`} className="text-sky-700 hover:underline">
            {project.name}
          </Link>
          （含其调度报告、年度计划、节点和调整申请）
        </p>
      )}
      <AuditTable rows={rows} entity="full" />
      {pages > 1 && (
        <nav className="mt-3 flex gap-3 text-sm">
          {f.page > 1 && <Link href={pageHref(f.page - 1)}>上一页</Link>}
          <span>
            第 {f.page} / {pages} 页
          </span>
          {f.page < pages && <Link href={pageHref(f.page + 1)}>下一页</Link>}
        </nav>
      )}
      <p className="mt-3 text-xs text-slate-500">操作日志只能追加，系统内任何人都不能修改或删除。</p>
    </>
  );
}
