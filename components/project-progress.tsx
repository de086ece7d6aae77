import Link from "next/link";
import { Money } from "./money";
import { DataTable } from "./data-table";
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
      <DataTable
        testId="milestones"
        rows={milestones}
        rowKey={(m) => m.id}
        empty="没有节点（打包项目的节点记在各子项目）。"
        columns={[
          { key: "name", header: "节点", cell: (m) => m.name },
          { key: "planned", header: "计划日期", nowrap: true, cell: (m) => day(m.plannedDate) },
          { key: "actual", header: "实际日期", nowrap: true, cell: (m) => day(m.actualDate) },
          {
            key: "flag",
            header: "提示",
            cell: (m) => {
              const flag = milestoneFlag(m, today);
              return flag ? <span className={FLAG_STYLE[flag]}>{FLAG_LABEL[flag]}</span> : "";
            },
          },
        ]}
      />
    </section>
  );
}

export function ReportHistory({ reports, unit }: { reports: Report[]; unit: MoneyUnit }) {
  return (
    <DataTable
      testId="report-history"
      rows={reports}
      rowKey={(r) => r.id}
      empty="尚无调度报告。"
      rowClassName={(r) => (r.isCurrent ? "" : "text-slate-600")}
      columns={[
        {
          key: "period",
          header: "期次",
          nowrap: true,
          cell: (r) => (
            <Link href={`/reports/${r.id}`} className="text-sky-700 hover:underline">
              {periodLabel(r.period)}
            </Link>
          ),
        },
        {
          key: "revision",
          header: "版本",
          nowrap: true,
          cell: (r) => (
            <>
              第 {r.revision} 版{r.isOfficial && <span className="ml-1 rounded bg-green-50 px-1 text-xs text-green-800">计入统计</span>}
              {!r.isCurrent && <span className="ml-1 text-xs">（已被更正）</span>}
            </>
          ),
        },
        { key: "status", header: "状态", nowrap: true, cell: (r) => <ReportStatus status={r.status} /> },
        { key: "completed", header: "本期完成", numeric: true, cell: (r) => <Money wan={r.completedAmount} unit={unit} /> },
        {
          key: "progress",
          header: "形象进度",
          // Text columns keep a readable width on a phone (the table scrolls sideways).
          className: "min-w-32",
          cell: (r) => [r.progressPercent !== null ? `${r.progressPercent}%` : "", r.progressText].filter(Boolean).join(" "),
        },
        { key: "notes", header: "审核意见 / 更正原因", className: "min-w-48", cell: (r) => [r.reviewComment, r.correctionReason].filter(Boolean).join("；") },
      ]}
    />
  );
}
