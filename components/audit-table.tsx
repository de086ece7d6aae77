import { DataTable } from "./data-table";
import type { AuditLine } from "@/lib/server/audit/readable-audit";

// An audit trail as people read it (lib/server/audit/readable-audit.ts): the record by its name, each
// field and value in Chinese. `entity`: the record column with full names (the global log), without
// the project's name (a project's own page), or none (a record's own history).
export function AuditTable({ rows, entity = "none" }: { rows: AuditLine[]; entity?: "full" | "detail" | "none" }) {
  return (
    <DataTable
      testId="audit-table"
      rows={rows}
      rowKey={(r) => r.id}
      columns={[
        { key: "at", header: "时间", nowrap: true, cell: (r) => r.time },
        { key: "actor", header: "操作人", nowrap: true, cell: (r) => r.actor },
        { key: "action", header: "操作", nowrap: true, cell: (r) => r.actionText },
        entity !== "none" && {
          key: "entity",
          header: "对象",
          className: "min-w-40",
          cell: (r) => {
            const text = entity === "full" ? r.subject : r.detail;
            return r.href ? (
              <a href={r.href} className="text-sky-700 hover:underline" title={`${r.typeText} #${r.entityId}`}>
                {text}
              </a>
            ) : (
              text
            );
          },
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
                  <span className="text-slate-500">{c.label}：</span>
                  <span className={c.old === null ? "text-slate-600" : "text-red-700 line-through decoration-red-300"}>{c.old ?? "（空）"}</span> →{" "}
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
