import Link from "next/link";
import { DownloadButton } from "@/components/excel/download-button";
import { formatDateTime } from "@/lib/dates";
import { zhExcel } from "@/lib/i18n/zh-CN-excel";
import { zhPlans } from "@/lib/i18n/zh-CN-plans";
import { requireUser } from "@/lib/server/auth/current-user";
import { listImports } from "@/lib/server/imports/get-import";
import { filterOptions } from "@/lib/server/plans/filter-options";
import { orForbidden } from "@/lib/ui/or-forbidden";
import { UploadForm } from "./upload-form";
import type { Metadata } from "next";

const T = zhExcel.import;

export const metadata: Metadata = { title: T.title };

export default async function ImportsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const user = await requireUser();
  const history = await orForbidden(listImports(user, {}));
  if (!history.ok) return history.page;
  const [{ plans }, sp] = await Promise.all([filterOptions(user, {}), searchParams]);
  return (
    <>
      <div className="mb-3 flex items-center">
        <h1 className="text-xl font-semibold">{T.title}</h1>
        <span className="ml-auto">
          <DownloadButton
            href={`/api/v1/exports/template${Number(sp.plan) > 0 ? `?plan=${Number(sp.plan)}` : ""}`}
            label={zhPlans.template.link}
            testId="import-template"
          />
        </span>
      </div>
      <UploadForm plans={plans} defaultPlan={Number(sp.plan) || undefined} />
      <div className="mt-6 mb-2 flex items-center">
        <h2 className="font-semibold">{T.history}</h2>
        <span className="ml-auto">
          <DownloadButton href="/api/v1/exports/csv/imports" label={zhExcel.export.csv} testId="csv-imports" />
        </span>
      </div>
      {history.data.length === 0 ? (
        <p className="text-slate-600">{T.none}</p>
      ) : (
        <table className="w-full bg-white text-sm shadow-sm">
          <thead className="bg-slate-100 text-left text-slate-600">
            <tr>
              <th className="px-3 py-2">批次</th>
              <th className="px-3 py-2">规划</th>
              <th className="px-3 py-2">文件</th>
              <th className="px-3 py-2">状态</th>
              <th className="px-3 py-2">行数</th>
              <th className="px-3 py-2">操作人</th>
              <th className="px-3 py-2">时间</th>
            </tr>
          </thead>
          <tbody>
            {history.data.map((b) => (
              <tr key={b.id} className="border-t">
                <td className="px-3 py-2">
                  <Link href={`/imports/${b.id}`} className="text-sky-700 hover:underline">
                    #{b.id}
                  </Link>
                </td>
                <td className="px-3 py-2">{b.planTitle}</td>
                <td className="px-3 py-2">{b.fileName}</td>
                <td className="px-3 py-2">{b.status === "COMMITTED" ? "已导入" : "已预览，未确认"}</td>
                <td className="px-3 py-2 text-slate-600">{b.counts ? T.counts(b.counts) : "—"}</td>
                <td className="px-3 py-2">{b.createdBy}</td>
                <td className="px-3 py-2 whitespace-nowrap">{formatDateTime(b.committedAt ?? b.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
