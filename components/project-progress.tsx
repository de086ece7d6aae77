import Link from "next/link";
import { Money } from "./money";
import { ReportStatus } from "./report-status";
import { formatDate } from "@/lib/dates";
import { FLAG_LABEL, milestoneFlag } from "@/lib/milestones";
import type { MoneyUnit } from "@/lib/money";
import { periodLabel } from "@/lib/periods";

type Milestone = { id: number; name: string; plannedDate: Date | null; actualDate: Date | null };
type Report = {
  id: number;
  period: string;
  revision: number;
  status: string;
  isOfficial: boolean;
  isCurrent: boolean;
  completedAmount: { toString(): string } | null;
  progressPercent: { toString(): string } | null;
  progressText: string | null;
  reviewComment: string | null;
  correctionReason: string | null;
};

const FLAG_STYLE: Record<string, string> = { OVERDUE: "text-red-700", DUE_SOON: "text-amber-700", DONE_LATE: "text-amber-700", DONE: "text-green-700" };
const day = (d: Date | null) => (d ? formatDate(d) : "—");

export function MilestoneList({ milestones, projectId, canEdit, today }: { milestones: Milestone[]; projectId: number; canEdit: boolean; today: Date }) {
  return (
    <section className="mt-6">
      <div className="mb-2 flex items-center">
        <h2 className="font-semibold">节点</h2>
        {canEdit && (
          <Link href={`/projects/${projectId}/milestones`} className="ml-auto text-sm text-sky-700 hover:underline" data-testid="edit-milestones">
            编辑节点
          </Link>
        )}
      </div>
      {milestones.length === 0 ? (
        <p className="text-sm text-slate-500">没有节点（打包项目的节点记在各子项目）。</p>
      ) : (
        <table className="w-full bg-white text-sm shadow-sm" data-testid="milestones">
          <thead className="bg-slate-100 text-left text-slate-600">
            <tr>
              <th className="px-3 py-2">节点</th>
              <th className="px-3 py-2">计划日期</th>
              <th className="px-3 py-2">实际日期</th>
              <th className="px-3 py-2">提示</th>
            </tr>
          </thead>
          <tbody>
            {milestones.map((m) => {
              const flag = milestoneFlag(m, today);
              return (
                <tr key={m.id} className="border-t">
                  <td className="px-3 py-1.5">{m.name}</td>
                  <td className="px-3 py-1.5">{day(m.plannedDate)}</td>
                  <td className="px-3 py-1.5">{day(m.actualDate)}</td>
                  <td className={`px-3 py-1.5 ${flag ? FLAG_STYLE[flag] : ""}`}>{flag ? FLAG_LABEL[flag] : ""}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function ReportHistory({ reports, unit }: { reports: Report[]; unit: MoneyUnit }) {
  return (
    <table className="w-full bg-white text-sm shadow-sm" data-testid="report-history">
      <thead className="bg-slate-100 text-left text-slate-600">
        <tr>
          <th className="px-3 py-2">期次</th>
          <th className="px-3 py-2">版本</th>
          <th className="px-3 py-2">状态</th>
          <th className="px-3 py-2 text-right">本期完成</th>
          <th className="px-3 py-2">形象进度</th>
          <th className="px-3 py-2">审核意见 / 更正原因</th>
        </tr>
      </thead>
      <tbody>
        {reports.map((r) => (
          <tr key={r.id} className={`border-t ${r.isCurrent ? "" : "text-slate-400"}`}>
            <td className="px-3 py-1.5 whitespace-nowrap">
              <Link href={`/reports/${r.id}`} className="text-sky-700 hover:underline">
                {periodLabel(r.period)}
              </Link>
            </td>
            <td className="px-3 py-1.5 whitespace-nowrap">
              第 {r.revision} 版{r.isOfficial && <span className="ml-1 rounded bg-green-50 px-1 text-xs text-green-800">计入统计</span>}
              {!r.isCurrent && <span className="ml-1 text-xs">（已被更正）</span>}
            </td>
            <td className="px-3 py-1.5">
              <ReportStatus status={r.status} />
            </td>
            <td className="num px-3 py-1.5">
              <Money wan={r.completedAmount} unit={unit} />
            </td>
            <td className="px-3 py-1.5">
              {r.progressPercent !== null && `${r.progressPercent}% `}
              {r.progressText}
            </td>
            <td className="px-3 py-1.5">{[r.reviewComment, r.correctionReason].filter(Boolean).join("；")}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
