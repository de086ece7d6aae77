import { formatDateTime } from "@/lib/dates";
import { fieldLabel } from "@/lib/i18n/field-labels";
import type { FieldChange } from "@/lib/server/audit/record-audit";

type Row = { id: string; at: Date; action: string; entityType: string; entityId: string; actor: { displayName: string; username: string } | null; changes: FieldChange[]; reason: string | null };

export const ACTION_LABEL: Record<string, string> = {
  "project.update": "修改项目",
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
  "annualPlan.set": "设定年度计划",
};

export function AuditTable({ rows, showEntity = false }: { rows: Row[]; showEntity?: boolean }) {
  if (rows.length === 0) return <p className="text-sm text-slate-500">暂无记录。</p>;
  return (
    <table className="w-full bg-white text-sm shadow-sm" data-testid="audit-table">
      <thead className="bg-slate-100 text-left text-slate-600">
        <tr>
          <th className="px-3 py-2">时间</th>
          <th className="px-3 py-2">操作人</th>
          <th className="px-3 py-2">操作</th>
          {showEntity && <th className="px-3 py-2">对象</th>}
          <th className="px-3 py-2">变更（原值 → 新值）</th>
          <th className="px-3 py-2">说明</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id} className="border-t align-top">
            <td className="px-3 py-2 whitespace-nowrap">{formatDateTime(r.at)}</td>
            <td className="px-3 py-2 whitespace-nowrap">{r.actor ? `${r.actor.displayName}（${r.actor.username}）` : "系统"}</td>
            <td className="px-3 py-2 whitespace-nowrap">{ACTION_LABEL[r.action] ?? r.action}</td>
            {showEntity && (
              <td className="px-3 py-2 whitespace-nowrap">
                {r.entityType === "Project" ? <a href={`/projects/${r.entityId}`} className="text-sky-700 hover:underline">项目 #{r.entityId}</a> : `${r.entityType} #${r.entityId}`}
              </td>
            )}
            <td className="px-3 py-2">
              <ul>
                {r.changes.map((c, i) => (
                  <li key={i}>
                    <span className="text-slate-500">{fieldLabel(c.field)}：</span>
                    <span className={c.old === null ? "text-slate-400" : "text-red-700 line-through decoration-red-300"}>{c.old ?? "（空）"}</span> → <span className="text-green-800">{c.new ?? "（空）"}</span>
                  </li>
                ))}
              </ul>
            </td>
            <td className="px-3 py-2">{r.reason ?? ""}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
