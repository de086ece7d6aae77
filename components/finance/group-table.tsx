"use client";
import { Decimal } from "decimal.js";
import { useMemo, useState } from "react";
import { Money } from "@/components/money";
import { zhFinance } from "@/lib/i18n/zh-CN-finance";
import { UNIT_LABEL, type MoneyUnit } from "@/lib/money";
import { RATES, type RateKey } from "@/lib/rates";
import type { GroupRow } from "@/lib/server/rollups/group-rollup";
import { Amount } from "./amount";
import { drillHref } from "./drill-href";
import { Hint } from "./hint";
import { Gap, Rate } from "./rate";

// A table of groups (units or categories) with every figure and rate, sortable by any column on
// the client (the rows are the server's, unchanged), each figure linking to its projects.
type Column =
  | { key: string; kind: "name"; label: string }
  | { key: keyof GroupRow; kind: "count"; label: string; figure: string; hint?: string }
  | { key: keyof GroupRow; kind: "money"; label: string; figure: string }
  | { key: RateKey; kind: "rate"; figure: string; detail?: (r: GroupRow) => string }
  | { key: "scheduleGap"; kind: "gap"; figure: string };

const f = zhFinance.figures;
const COLUMNS: Column[] = [
  { key: "name", kind: "name", label: "" },
  { key: "projectCount", kind: "count", label: f.projectCount, figure: "projects", hint: zhFinance.counting.rule },
  { key: "subProjectCount", kind: "count", label: zhFinance.counting.subProjects, figure: "projects", hint: zhFinance.counting.rule },
  { key: "totalWan", kind: "money", label: f.totalWan, figure: "money" },
  { key: "unknownCount", kind: "count", label: f.unknownCount, figure: "unknown" },
  { key: "annualPlanWan", kind: "money", label: f.annualPlanWan, figure: "money" },
  { key: "completedYearWan", kind: "money", label: f.completedYearWan, figure: "money" },
  { key: "completedToDateWan", kind: "money", label: f.completedToDateWan, figure: "money" },
  { key: "fundsYearWan", kind: "money", label: f.fundsYearWan, figure: "money" },
  { key: "startRate", kind: "rate", figure: "dueStart", detail: (r) => `${f.startedCount} ${r.startedCount} / ${f.dueStartCount} ${r.dueStartCount}` },
  { key: "investmentRate", kind: "rate", figure: "money" },
  { key: "fundsRate", kind: "rate", figure: "money" },
  { key: "onTimeRate", kind: "rate", figure: "dueComplete", detail: (r) => `${f.onTimeCount} ${r.onTimeCount} / ${f.dueCompleteCount} ${r.dueCompleteCount}` },
  { key: "cumulativeRate", kind: "rate", figure: "money" },
  { key: "scheduleGap", kind: "gap", figure: "money" },
];

function sortValue(row: GroupRow, col: Column): Decimal | string | null {
  if (col.kind === "name") return null;
  if (col.kind === "rate") return row.rates[col.key] === null ? null : new Decimal(row.rates[col.key]!);
  if (col.kind === "gap") return row.rates.scheduleGap === null ? null : new Decimal(row.rates.scheduleGap);
  const v = row[col.key] as string | number | null;
  return v === null ? null : new Decimal(v);
}

export function GroupTable({
  rows,
  total,
  nameLabel,
  unit,
  base,
  testId,
}: {
  rows: GroupRow[];
  total: GroupRow;
  nameLabel: string;
  unit: MoneyUnit;
  base: { planId: number; period: string; includeSubmitted: boolean };
  testId: string;
}) {
  const [sort, setSort] = useState<{ col: number; dir: "asc" | "desc" } | null>(null);
  const sorted = useMemo(() => {
    if (!sort) return rows;
    const col = COLUMNS[sort.col];
    const withIndex = rows.map((r, i) => ({ r, i }));
    withIndex.sort((a, b) => {
      if (col.kind === "name") return (sort.dir === "asc" ? 1 : -1) * a.r.name.localeCompare(b.r.name, "zh-CN");
      const va = sortValue(a.r, col) as Decimal | null;
      const vb = sortValue(b.r, col) as Decimal | null;
      // Unknown and "—" sort last in either direction.
      if (va === null || vb === null) return va === vb ? a.i - b.i : va === null ? 1 : -1;
      return (sort.dir === "asc" ? va.cmp(vb) : vb.cmp(va)) || a.i - b.i;
    });
    return withIndex.map((x) => x.r);
  }, [rows, sort]);

  const header = (col: Column, i: number) => {
    const label =
      col.kind === "name" ? (
        nameLabel
      ) : col.kind === "rate" ? (
        <Hint label={RATES[col.key].label} text={RATES[col.key].formula} align="right" focusable={false} />
      ) : col.kind === "gap" ? (
        <Hint label={zhFinance.rates.scheduleGap.label} text={zhFinance.rates.scheduleGap.formula} align="right" focusable={false} />
      ) : col.kind === "count" && col.hint ? (
        <Hint label={col.label} text={col.hint} align="right" focusable={false} />
      ) : (
        col.label
      );
    const active = sort?.col === i;
    const next = () => setSort(active ? { col: i, dir: sort!.dir === "desc" ? "asc" : "desc" } : { col: i, dir: col.kind === "name" ? "asc" : "desc" });
    return (
      <th
        key={col.key}
        className={`px-2 py-2 align-bottom ${col.kind === "name" ? "text-left" : "min-w-[5rem] text-right"}`}
        aria-sort={active ? (sort!.dir === "asc" ? "ascending" : "descending") : "none"}
      >
        <button type="button" onClick={next} className="inline-flex items-center gap-0.5 hover:text-sky-800" data-testid={`sort-${col.key}`}>
          {label}
          {col.kind === "money" && <span className="text-xs font-normal text-slate-600">（{UNIT_LABEL[unit]}）</span>}
          <span className="w-3 text-xs">{active ? (sort!.dir === "asc" ? "▲" : "▼") : ""}</span>
        </button>
      </th>
    );
  };

  const cell = (row: GroupRow, col: Column, isTotal: boolean) => {
    // Plain anchors: a table has hundreds of them, and the server renders this page for every request.
    const href = drillHref(base, row.key, col.kind === "name" ? "projects" : col.figure);
    if (col.kind === "name")
      return (
        <td key="name" className="text-left whitespace-nowrap">
          {isTotal ? (
            <strong>{row.name}</strong>
          ) : (
            <a href={href} className="text-sky-700">
              {row.name}
            </a>
          )}
        </td>
      );
    let content: React.ReactNode;
    if (col.kind === "count") content = <span className="num">{row[col.key] as number}</span>;
    else if (col.key === "totalWan") content = <Money wan={row.totalWan} unit={unit} />;
    else if (col.kind === "money") content = <Amount wan={row[col.key] as string | null} unit={unit} />;
    else if (col.kind === "rate") content = <Rate value={row.rates[col.key]} detail={col.detail?.(row)} />;
    else content = <Gap value={row.rates.scheduleGap} />;
    return (
      <td key={col.key} data-col={col.key}>
        <a href={href}>{content}</a>
      </td>
    );
  };

  return (
    <div className="overflow-x-auto">
      <table className="w-full bg-white text-right text-sm shadow-sm [&_a:hover]:underline [&_td]:px-2 [&_td]:py-1.5" data-testid={testId}>
        <thead className="bg-slate-100 text-slate-600">
          <tr>{COLUMNS.map(header)}</tr>
        </thead>
        <tbody>
          {sorted.map((row) => (
            <tr key={JSON.stringify(row.key)} className="border-t hover:bg-sky-50/40" data-testid="group-row" data-name={row.name}>
              {COLUMNS.map((c) => cell(row, c, false))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="border-t-2 border-slate-300 bg-slate-50" data-testid="group-total">
            {COLUMNS.map((c) => cell(total, c, true))}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
