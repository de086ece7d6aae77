"use client";
import { useId, useState } from "react";
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis, type TooltipContentProps } from "recharts";
import { zhFinance } from "@/lib/i18n/zh-CN-finance";
import { formatMoney, UNIT_LABEL, type MoneyUnit } from "@/lib/money";
import { Amount } from "./amount";
import { chartNumber, METRICS, type ChartGroup, type Metric } from "./chart-number";
import { PatternDefs, patternColour, patternFill, svgId } from "./chart-patterns";

// Bars by unit, stacked by category, from the unit × category cells; a unit's bar adds up to its
// figure in the units table (the cells partition the unit). Categories differ by colour and texture;
// the chart is an image named by its caption, and the 数据表 below it lists the same figures exactly.
export function UnitChart({ units, categories, cells, unit }: { units: ChartGroup[]; categories: ChartGroup[]; cells: ChartGroup[]; unit: MoneyUnit }) {
  const [metric, setMetric] = useState<Metric>("totalWan");
  const prefix = svgId(useId());
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
  const caption = `${zhFinance.chart.byUnit}：${zhFinance.figures[metric]}（${UNIT_LABEL[unit]}）`;
  return (
    <figure className="rounded bg-white p-3 shadow-sm" data-testid="unit-chart" aria-labelledby={`${prefix}-caption`}>
      <div className="mb-2 flex items-center gap-3">
        <h2 className="font-semibold">{zhFinance.chart.byUnit}</h2>
        <label className="ml-auto text-sm text-slate-600">
          {zhFinance.chart.metric}{" "}
          <select
            value={metric}
            onChange={(e) => setMetric(e.target.value as Metric)}
            className="rounded border border-slate-500 px-2 py-0.5"
            data-testid="unit-chart-metric"
          >
            {METRICS.map((m) => (
              <option key={m} value={m}>
                {zhFinance.figures[m]}
              </option>
            ))}
          </select>
        </label>
        <span className="text-xs text-slate-600">{UNIT_LABEL[unit]}</span>
      </div>
      <figcaption id={`${prefix}-caption`} className="sr-only">
        {caption}
      </figcaption>
      {shown.length === 0 ? (
        <p className="py-12 text-center text-sm text-slate-600">{zhFinance.noData}</p>
      ) : (
        <>
          <div role="img" aria-label={`${caption}，${zhFinance.chart.seeTable}`}>
            <BarChart
              responsive
              accessibilityLayer={false}
              style={{ width: "100%", height: 340 }}
              data={data}
              margin={{ top: 8, right: 8, left: 8, bottom: 40 }}
            >
              <PatternDefs prefix={prefix} count={shown.length} />
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="name" interval={0} angle={-35} textAnchor="end" tick={{ fontSize: 11, fill: "#334155" }} />
              <YAxis tick={{ fontSize: 11, fill: "#334155" }} />
              <Tooltip content={TooltipBody} />
              <Legend verticalAlign="top" wrapperStyle={{ fontSize: 11 }} formatter={(value) => <span className="text-slate-800">{value}</span>} />
              {shown.map((c, i) => (
                <Bar
                  key={c.key.sectionId}
                  dataKey={`s${c.key.sectionId}` as string}
                  name={c.name}
                  stackId="a"
                  fill={patternFill(prefix, i)}
                  stroke={patternColour(i)}
                  isAnimationActive={false}
                />
              ))}
            </BarChart>
          </div>
          <details className="mt-2 text-xs">
            <summary className="cursor-pointer text-slate-700">
              {zhFinance.chart.table}（{UNIT_LABEL[unit]}）
            </summary>
            <div className="overflow-x-auto">
              <table className="mt-1 w-full" data-testid="unit-chart-table">
                <caption className="sr-only">{caption}</caption>
                <thead className="text-slate-700">
                  <tr>
                    <th scope="col" className="text-left">
                      {zhFinance.chart.unitColumn}
                    </th>
                    {shown.map((c) => (
                      <th key={c.key.sectionId} scope="col" className="px-1 text-right">
                        {c.name}
                      </th>
                    ))}
                    <th scope="col" className="text-right">
                      {zhFinance.total}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {data.map((row) => (
                    <tr key={String(row.name)} className="border-t">
                      <th scope="row" className="text-left font-normal">
                        {row.name}
                      </th>
                      {shown.map((c) => (
                        <td key={c.key.sectionId} className="px-1 text-right">
                          <Amount wan={row[`x${c.key.sectionId}`] as string | null} unit={unit} />
                        </td>
                      ))}
                      <td className="text-right">
                        <Amount wan={row.exactTotal as string | null} unit={unit} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </>
      )}
    </figure>
  );
}
