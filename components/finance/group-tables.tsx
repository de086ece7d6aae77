"use client";
import { useState } from "react";
import { zhFinance } from "@/lib/i18n/zh-CN-finance";
import type { MoneyUnit } from "@/lib/money";
import type { GroupRow } from "@/lib/server/rollups/group-rollup";
import { GroupTable } from "./group-table";

// The units table, and the categories table behind a tab (one table on the page at a time).
export function GroupTables(props: {
  units: GroupRow[];
  categories: GroupRow[];
  total: GroupRow;
  unit: MoneyUnit;
  base: { planId: number; period: string; includeSubmitted: boolean };
}) {
  const [tab, setTab] = useState<"units" | "categories">("units");
  const tabs = [
    ["units", zhFinance.unitsTable],
    ["categories", zhFinance.categoriesTable],
  ] as const;
  return (
    <section className="mt-6">
      <div className="mb-1 flex items-end gap-1" role="tablist">
        {tabs.map(([key, label]) => (
          <button
            key={key}
            type="button"
            role="tab"
            aria-selected={tab === key}
            onClick={() => setTab(key)}
            className={`rounded-t px-3 py-1 text-sm font-semibold ${tab === key ? "bg-white text-slate-900 shadow-sm" : "text-slate-500 hover:text-slate-800"}`}
          >
            {label}
          </button>
        ))}
        <span className="ml-2 pb-1 text-xs text-slate-500">{zhFinance.sortHint}</span>
      </div>
      {tab === "units" ? (
        <GroupTable rows={props.units} total={props.total} nameLabel={zhFinance.groups.unit} unit={props.unit} base={props.base} testId="units-table" />
      ) : (
        <GroupTable
          rows={props.categories}
          total={props.total}
          nameLabel={zhFinance.groups.category}
          unit={props.unit}
          base={props.base}
          testId="categories-table"
        />
      )}
    </section>
  );
}
