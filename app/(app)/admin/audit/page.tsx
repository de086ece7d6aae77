import Link from "next/link";
import { CsvButton } from "@/components/excel/csv-button";
import { AuditTable } from "@/components/audit-table";
import { auditFiltersSchema, listAudit } from "@/lib/server/audit/list-audit";
import { requireUser } from "@/lib/server/auth/current-user";
import { orForbidden } from "@/lib/ui/or-forbidden";

const input = "mt-1 block w-full rounded border border-slate-300 bg-white px-2 py-1 text-sm";

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const f = auditFiltersSchema.parse(await searchParams);
  const audit = await orForbidden(listAudit(await requireUser(), f));
  if (!audit.ok) return audit.page;
  const { rows, total, pages } = audit.data;
  const pageHref = (page: number) =>
    `/admin/audit?${new URLSearchParams(Object.entries({ ...f, page: String(page) }).filter(([, v]) => v !== undefined) as [string, string][])}`;
  return (
    <>
      <h1 className="mb-3 text-xl font-semibold">操作日志</h1>
      <form method="get" className="mb-3 grid grid-cols-2 gap-3 rounded bg-white p-3 text-sm shadow-sm md:grid-cols-6">
        <label>
          对象类型
          <select name="entityType" defaultValue={f.entityType ?? ""} className={input}>
            <option value="">全部</option>
            <option value="Project">项目</option>
            <option value="User">用户</option>
            <option value="Plan">规划</option>
          </select>
        </label>
        <label>
          对象编号
          <input name="entityId" defaultValue={f.entityId ?? ""} className={input} />
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
          <CsvButton
            list="audit"
            also="audit.readAll"
            query={new URLSearchParams(Object.entries({ ...f, page: undefined }).filter(([, v]) => v !== undefined) as [string, string][]).toString()}
          />
        </div>
      </form>
      <AuditTable rows={rows} showEntity />
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
