"use client";
import { useState } from "react";
import { DataTable } from "@/components/data-table";
import { formatDateTime } from "@/lib/dates";
import { zhPlans } from "@/lib/i18n/zh-CN-plans";
import { reorderUnitsAction } from "./actions";
import { MoveButtons, Outcome, smallButton, useReorder } from "./outcome";
import { UnitCreateForm, UnitEditForm, UnitRetireForm, type Region, type Unit } from "./unit-forms";

// The plan's reporting units: add, rename, reorder, retire into another unit (projects and officers
// move with it); retired units are listed apart. Read-only while the plan is archived.
const U = zhPlans.unit;
type Retired = Unit & { retiredAt: Date | string; mergedInto: string | null };

export function UnitsPanel({
  planId,
  units,
  retired,
  regions,
  readOnly,
}: {
  planId: number;
  units: Unit[];
  retired: Retired[];
  regions: Region[];
  readOnly: boolean;
}) {
  const [editing, setEditing] = useState<{ id: number; mode: "edit" | "retire" } | null>(null);
  const reorder = useReorder(planId, reorderUnitsAction);
  const close = () => setEditing(null);
  return (
    <div className="space-y-3">
      <Outcome failure={reorder.failure} />
      <DataTable
        testId="units-table"
        rows={units}
        rowKey={(u) => u.id}
        empty={U.none}
        rowProps={(u) => ({ "data-name": u.name })}
        columns={[
          { key: "seq", header: "序号", numeric: true, cell: (_u, i) => i + 1 },
          {
            key: "name",
            header: U.name,
            cell: (u) => (editing?.id === u.id && editing.mode === "edit" ? <UnitEditForm unit={u} regions={regions} onClose={close} /> : u.name),
          },
          { key: "region", header: U.region, cell: (u) => u.region ?? "—" },
          { key: "projects", header: U.projects, numeric: true, cell: (u) => u.projects },
          { key: "officers", header: U.officers, numeric: true, cell: (u) => u.officers },
          !readOnly && {
            key: "actions",
            header: "",
            cell: (u, i) => (
              <div>
                <div className="flex flex-wrap gap-1">
                  <MoveButtons list={units} index={i} name={u.name} reorder={reorder} />
                  <button type="button" className={smallButton} onClick={() => setEditing({ id: u.id, mode: "edit" })}>
                    {U.rename}
                  </button>
                  <button type="button" className={smallButton} disabled={units.length < 2} onClick={() => setEditing({ id: u.id, mode: "retire" })}>
                    {U.retire}
                  </button>
                </div>
                {editing?.id === u.id && editing.mode === "retire" && <UnitRetireForm unit={u} targets={units.filter((t) => t.id !== u.id)} onClose={close} />}
              </div>
            ),
          },
        ]}
      />
      {!readOnly && (
        <div className="rounded bg-white p-4 shadow-sm">
          <UnitCreateForm planId={planId} regions={regions} />
        </div>
      )}
      <h3 className="pt-2 text-sm font-semibold text-slate-700">{zhPlans.settings.retiredUnits}</h3>
      <DataTable
        testId="retired-units-table"
        rows={retired}
        rowKey={(u) => u.id}
        empty={U.retiredNone}
        columns={[
          { key: "name", header: U.name, cell: (u) => u.name },
          { key: "mergedInto", header: U.mergedInto, cell: (u) => u.mergedInto ?? "—" },
          { key: "retiredAt", header: U.retiredAt, nowrap: true, cell: (u) => formatDateTime(u.retiredAt) },
        ]}
      />
    </div>
  );
}
