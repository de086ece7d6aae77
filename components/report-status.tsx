import { zhReports } from "@/lib/i18n/zh-CN";

const STYLE: Record<string, string> = {
  DRAFT: "bg-slate-100 text-slate-700",
  SUBMITTED: "bg-sky-100 text-sky-800",
  RETURNED: "bg-red-100 text-red-800",
  APPROVED: "bg-green-100 text-green-800",
};

export function ReportStatus({ status }: { status: string | null | undefined }) {
  if (!status) return <span className="rounded bg-amber-50 px-1.5 text-xs whitespace-nowrap text-amber-800">{zhReports.none}</span>;
  return <span className={`rounded px-1.5 text-xs whitespace-nowrap ${STYLE[status]}`}>{zhReports.status[status]}</span>;
}
