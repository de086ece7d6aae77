import { DataTable } from "./data-table";
import { formatDateTime } from "@/lib/dates";
import { fieldLabel } from "@/lib/i18n/field-labels";
import type { FieldChange } from "@/lib/server/audit/record-audit";

type Row = {
  id: string;
  at: Date;
  action: string;
  entityType: string;
  entityId: string;
  actor: { displayName: string; username: string } | null;
  changes: FieldChange[];
  reason: string | null;
};

export const ACTION_LABEL: Record<string, string> = {
  "project.update": "修改项目",
  "indicatorValue.submit": "填报指标值",
  "indicatorValue.update": "修改指标值",
  "indicatorValue.resubmit": "重新提交指标值",
  "indicatorValue.correct": "更正指标值",
  "indicatorValue.approve": "审核通过指标值",
  "indicatorValue.return": "退回指标值",
  "indicator.judge": "评估定性指标",
  "seed.indicators": "载入主要指标",
  "indicator.create": "新增指标",
  "indicator.direction": "设定指标方向",
  "seed.load": "载入规划",
  "user.create": "新建用户",
  "user.update": "修改用户",
  "user.resetPassword": "重置密码",
  "user.changePassword": "修改密码",
  "project.status": "状态自动更新",
  "milestone.add": "新增节点",
  "milestone.update": "修改节点",
  "milestone.remove": "删除节点",
  "report.create": "新建调度报告",
  "report.update": "修改调度报告",
  "report.correct": "更正调度报告",
  "report.submit": "提交调度报告",
  "report.approve": "审核通过",
  "report.return": "退回",
  "annualPlan.set": "下达年度计划",
  "annualPlan.propose": "填报年度计划（草稿）",
  "annualPlan.submit": "申报年度计划",
  "annualPlan.approve": "年度计划审核通过",
  "annualPlan.return": "年度计划退回",
  "changeRequest.submit": "提交调整申请",
  "changeRequest.approve": "调整申请审核通过",
  "changeRequest.return": "调整申请退回",
  "project.import": "导入项目",
  "project.create": "新增项目",
  "project.admit": "入库审核通过",
  "project.return": "入库申报退回",
  "project.resubmit": "重新申报",
  "project.withdraw": "调出",
  "project.carryOver": "结转续建",
  "plan.carryOver": "结转续建项目",
  "plan.create": "新建规划",
  "plan.update": "修改规划设置",
  "plan.archive": "归档规划",
  "plan.unarchive": "取消归档",
  "unit.create": "新增填报单位",
  "unit.update": "修改填报单位",
  "unit.reorder": "调整单位顺序",
  "unit.retire": "停用并合并单位",
  "section.create": "新增专栏/类别",
  "section.update": "修改专栏/类别",
  "section.reorder": "调整专栏/类别顺序",
  "import.commit": "确认导入",
};

export function AuditTable({ rows, showEntity = false }: { rows: Row[]; showEntity?: boolean }) {
  return (
    <DataTable
      testId="audit-table"
      rows={rows}
      rowKey={(r) => r.id}
      columns={[
        { key: "at", header: "时间", nowrap: true, cell: (r) => formatDateTime(r.at) },
        { key: "actor", header: "操作人", nowrap: true, cell: (r) => (r.actor ? `${r.actor.displayName}（${r.actor.username}）` : "系统") },
        { key: "action", header: "操作", nowrap: true, cell: (r) => ACTION_LABEL[r.action] ?? r.action },
        showEntity && {
          key: "entity",
          header: "对象",
          nowrap: true,
          cell: (r) =>
            r.entityType === "Project" ? (
              <a href={`/projects/${r.entityId}`} className="text-sky-700 hover:underline">
                项目 #{r.entityId}
              </a>
            ) : (
              `${r.entityType} #${r.entityId}`
            ),
        },
        {
          key: "changes",
          header: "变更（原值 → 新值）",
          // Wide enough to read on a phone (the table scrolls sideways) instead of one character a line.
          className: "min-w-64",
          cell: (r) => (
            <ul>
              {r.changes.map((c, i) => (
                <li key={i}>
                  <span className="text-slate-500">{fieldLabel(c.field)}：</span>
                  <span className={c.old === null ? "text-slate-400" : "text-red-700 line-through decoration-red-300"}>{c.old ?? "（空）"}</span> →{" "}
                  <span className="text-green-800">{c.new ?? "（空）"}</span>
                </li>
              ))}
            </ul>
          ),
        },
        { key: "reason", header: "说明", className: "min-w-48", cell: (r) => r.reason ?? "" },
      ]}
    />
  );
}
