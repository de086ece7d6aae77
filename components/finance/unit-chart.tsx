"use client";
import { useState } from "react";
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis, type TooltipContentProps } from "recharts";
import { zhFinance } from "@/lib/i18n/zh-CN-finance";
import { formatMoney, UNIT_LABEL, type MoneyUnit } from "@/lib/money";
import { chartNumber, METRICS, PALETTE, type ChartGroup, type Metric } from "./chart-number";

// Bars by unit, stacked by category, from the unit × category cells; a unit's bar adds up to its
// figure in the units table (the cells partition the unit).
export function UnitChart({ units, categories, cells, unit }: { units: ChartGroup[]; categories: ChartGroup[]; cells: ChartGroup[]; unit: MoneyUnit }) {
  const [metric, setMetric] = useState<Metric>("totalWan");
  const cellOf = new Map(cells.map((c) => [`${c.key.unitId}:${c.key.sectionId}`, c]));
  const shown = categories.filter((c) => cells.some((x) => x.key.sectionId === c.key.sectionId && x[metric] !== null));
  const data = units.map((u) => {
    const row: Record<string, string | number | null> = { name: u.name, exactTotal: u[metric] };
    for (const c of shown) {
      const cell = cellOf.get(`${u.key.unitId}:${c.key.sectionId}`);
      row[`s${c.key.sectionId}`] = chartNumber(cell?.[metric] ?? null, unit);
      row[`x${c.key.sectionId}`] = cell?.[metric] ?? null;
    }
    return row;
  });
  const TooltipBody = ({ active, payload, label }: TooltipContentProps) => {
    if (!active || !payload?.length) return null;
    const datum = payload[0].payload as Record<string, string | null>;
    return (
      <div className="rounded border bg-white px-3 py-2 text-xs shadow">
        <div className="mb-1 font-semibold">
          {label}：{formatMoney(datum.exactTotal, unit)} {UNIT_LABEL[unit]}
        </div>
        {shown
          .filter((c) => datum[`x${c.key.sectionId}`] !== null)
          .map((c) => (
            <div key={c.key.sectionId}>
              {c.name}：{formatMoney(datum[`x${c.key.sectionId}`], unit)}
            </div>
          ))}
      </div>
    );
  };
  return (
    <section className="rounded bg-white p-3 shadow-sm" data-testid="unit-chart">
      <div className="mb-2 flex items-center gap-3">
        <h2 className="font-semibold">{zhFinance.chart.byUnit}</h2>
        <label className="ml-auto text-sm text-slate-600">
          {zhFinance.chart.metric}{" "}
          <select
            value={metric}
            onChange={(e) => setMetric(e.target.value as Metric)}
            className="rounded border border-slate-300 px-2 py-0.5"
            data-testid="unit-chart-metric"
          >
            {METRICS.map((m) => (
              <option key={m} value={m}>
                {zhFinance.figures[m]}
              </option>
            ))}
          </select>
        </label>
        <span className="text-xs text-slate-500">{UNIT_LABEL[unit]}</span>
      </div>
      {shown.length === 0 ? (
        <p className="py-12 text-center text-sm text-slate-400">{zhFinance.noData}</p>
      ) : (
        <BarChart responsive style={{ width: "100%", height: 340 }} data={data} margin={{ top: 8, right: 8, left: 8, bottom: 40 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="name" interval={0} angle={-35} textAnchor="end" tick={{ fontSize: 11 }} />
          <YAxis tick={{ fontSize: 11 }} />
          <Tooltip content={TooltipBody} />
          <Legend verticalAlign="top" wrapperStyle={{ fontSize: 11 }} />
          {shown.map((c, i) => (
            <Bar
              key={c.key.sectionId}
              dataKey={`s${c.key.sectionId}` as string}
              name={c.name}
              stackId="a"
              fill={PALETTE[i % PALETTE.length]}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      )}
    </section>
  );
}
