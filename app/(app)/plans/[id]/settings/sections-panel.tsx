"use client";
import { useState } from "react";
import { DataTable } from "@/components/data-table";
import { zhPlans } from "@/lib/i18n/zh-CN-plans";
import { zh } from "@/lib/i18n/zh-CN";
import { reorderSectionsAction } from "./actions";
import { MoveButtons, Outcome, smallButton, useReorder } from "./outcome";
import { SectionCreateForm, SectionEditForm, type Section } from "./section-forms";

// The plan's 专栏 and categories: add, rename, reorder. Read-only while the plan is archived.
const S = zhPlans.section;

export function SectionsPanel({ planId, sections, readOnly }: { planId: number; sections: Section[]; readOnly: boolean }) {
  const [editing, setEditing] = useState<number | null>(null);
  const reorder = useReorder(planId, reorderSectionsAction);
  return (
    <div className="space-y-3">
      <Outcome failure={reorder.failure} />
      <DataTable
        testId="sections-table"
        rows={sections}
        rowKey={(s) => s.id}
        empty={S.none}
        rowProps={(s) => ({ "data-title": s.title })}
        columns={[
          { key: "seq", header: "序号", numeric: true, cell: (_s, i) => i + 1 },
          { key: "kind", header: S.kind, nowrap: true, cell: (s) => zh.sectionKind[s.kind] },
          {
            key: "title",
            header: `${S.number} / ${S.title}`,
            cell: (s) => (editing === s.id ? <SectionEditForm section={s} onClose={() => setEditing(null)} /> : [s.number, s.title].filter(Boolean).join(" ")),
          },
          { key: "projects", header: S.projects, numeric: true, cell: (s) => s.projects },
          !readOnly && {
            key: "actions",
            header: "",
            cell: (s, i) => (
              <div className="flex flex-wrap gap-1">
                <MoveButtons list={sections} index={i} name={s.title} reorder={reorder} />
                <button type="button" className={smallButton} onClick={() => setEditing(s.id)}>
                  {zhPlans.unit.rename}
                </button>
              </div>
            ),
          },
        ]}
      />
      {!readOnly && (
        <div className="rounded bg-white p-4 shadow-sm">
          <SectionCreateForm planId={planId} />
        </div>
      )}
    </div>
  );
}
