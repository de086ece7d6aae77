import Link from "next/link";
import { zh } from "@/lib/i18n/zh-CN";

// What a page shows when the user may not act on the record (the operation itself refuses too).
export function Forbidden({ projectId }: { projectId?: number }) {
  return (
    <div className="mt-8 rounded border border-red-200 bg-red-50 p-6 text-red-800" data-testid="forbidden">
      <p>{zh.errors.forbidden}</p>
      {projectId !== undefined && (
        <>
          <p className="mt-1 text-sm">县级项目专干只能修改本单位的项目；如需修改请联系规划办。</p>
          <Link href={`/projects/${projectId}`} className="mt-3 inline-block text-sky-700 underline">
            返回项目
          </Link>
        </>
      )}
    </div>
  );
}

// The breadcrumb back to a project.
export function BackToProject({ id, name }: { id: number; name: string }) {
  return (
    <p className="text-sm text-slate-500">
      <Link href={`/projects/${id}`} className="hover:underline">
        {name}
      </Link>
    </p>
  );
}
