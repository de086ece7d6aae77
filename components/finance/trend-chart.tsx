"use client";
import { Bar, CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis, type TooltipContentProps } from "recharts";
import { zhFinance } from "@/lib/i18n/zh-CN-finance";
import { formatMoney, UNIT_LABEL, type MoneyUnit } from "@/lib/money";
import { periodLabel } from "@/lib/periods";
import type { TrendPoint } from "@/lib/server/rollups/trend";
import { Amount } from "./amount";
import { chartNumber } from "./chart-number";

const c = zhFinance.chart;

// Completed investment per period and cumulated, against the 序时 plan line; the table below the
// chart lists the same values, exactly. The three series differ by shape (bars, a solid line with dots,
// a dashed line) as well as colour; each colour reaches 3:1 against white.
export function TrendChart({ points, unit, year }: { points: TrendPoint[]; unit: MoneyUnit; year: number }) {
  const data = points.map((p) => ({
    ...p,
    label: periodLabel(p.period).replace(`${year}年`, ""),
    completed: chartNumber(p.completedWan, unit),
    cumulative: p.cumulativeWan === null ? null : chartNumber(p.cumulativeWan, unit),
    planned: p.plannedWan === null ? null : chartNumber(p.plannedWan, unit),
  }));
  const TooltipBody = ({ active, payload }: TooltipContentProps) => {
    if (!active || !payload?.length) return null;
    const p = payload[0].payload as TrendPoint;
    return (
      <div className="rounded border bg-white px-3 py-2 text-xs shadow">
        <div className="mb-1 font-semibold">{periodLabel(p.period)}</div>
        <div>
          {c.periodCompleted}：{formatMoney(p.completedWan, unit)}
        </div>
        <div>
          {c.cumulative}：{formatMoney(p.cumulativeWan, unit)}
        </div>
        <div>
          {c.planned}：{formatMoney(p.plannedWan, unit)}
        </div>
      </div>
    );
  };
  return (
    <figure className="rounded bg-white p-3 shadow-sm" data-testid="trend-chart" aria-label={`${c.trend}（${year}年，${UNIT_LABEL[unit]}）`}>
      <div className="mb-2 flex items-center gap-3">
        <h2 className="font-semibold">
          {c.trend}（{year}年）
        </h2>
        <span className="ml-auto text-xs text-slate-600">{UNIT_LABEL[unit]}</span>
      </div>
      <div role="img" aria-label={`${c.trendImage(year)}（${UNIT_LABEL[unit]}），${c.seeTable}`}>
        <ComposedChart
          responsive
          accessibilityLayer={false}
          style={{ width: "100%", height: 300 }}
          data={data}
          margin={{ top: 8, right: 8, left: 8, bottom: 0 }}
        >
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 11, fill: "#334155" }} />
          <YAxis tick={{ fontSize: 11, fill: "#334155" }} />
          <Tooltip content={TooltipBody} />
          <Legend verticalAlign="top" wrapperStyle={{ fontSize: 11 }} formatter={(value) => <span className="text-slate-800">{value}</span>} />
          <Bar dataKey="completed" name={c.periodCompleted} fill="#0284c7" isAnimationActive={false} />
          <Line dataKey="cumulative" name={c.cumulative} stroke="#be185d" strokeWidth={2} dot={{ r: 3 }} connectNulls={false} isAnimationActive={false} />
          <Line dataKey="planned" name={c.planned} stroke="#854d0e" strokeWidth={2} strokeDasharray="6 4" dot={false} isAnimationActive={false} />
        </ComposedChart>
      </div>
      <details className="mt-2 text-xs">
        <summary className="cursor-pointer text-slate-700">
          {c.table}（{UNIT_LABEL[unit]}）
        </summary>
        <table className="mt-1 w-full" data-testid="trend-table">
          <caption className="sr-only">
            {c.trend}（{year}年，{UNIT_LABEL[unit]}）
          </caption>
          <thead className="text-slate-700">
            <tr>
              <th scope="col" className="text-left">
                {zhFinance.period}
              </th>
              <th scope="col" className="text-right">
                {c.periodCompleted}
              </th>
              <th scope="col" className="text-right">
                {c.cumulative}
              </th>
              <th scope="col" className="text-right">
                {c.planned}
              </th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.period} className="border-t">
                <th scope="row" className="text-left font-normal">
                  {periodLabel(p.period)}
                </th>
                <td className="text-right">
                  <Amount wan={p.completedWan} unit={unit} />
                </td>
                <td className="text-right">
                  <Amount wan={p.cumulativeWan} unit={unit} />
                </td>
                <td className="text-right">
                  <Amount wan={p.plannedWan} unit={unit} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
