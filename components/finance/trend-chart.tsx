"use client";
import { Bar, CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis, type TooltipContentProps } from "recharts";
import { zhFinance } from "@/lib/i18n/zh-CN-finance";
import { formatMoney, UNIT_LABEL, type MoneyUnit } from "@/lib/money";
import { periodLabel } from "@/lib/periods";
import type { TrendPoint } from "@/lib/server/rollups/group-rollup";
import { Amount } from "./amount";
import { chartNumber } from "./chart-number";

const c = zhFinance.chart;

// Completed investment per period and cumulated, against the 序时 plan line; the table below the
// chart lists the same values, exactly.
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
    <section className="rounded bg-white p-3 shadow-sm" data-testid="trend-chart">
      <div className="mb-2 flex items-center gap-3">
        <h2 className="font-semibold">
          {c.trend}（{year}年）
        </h2>
        <span className="ml-auto text-xs text-slate-500">{UNIT_LABEL[unit]}</span>
      </div>
      <ComposedChart responsive style={{ width: "100%", height: 300 }} data={data} margin={{ top: 8, right: 8, left: 8, bottom: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="label" tick={{ fontSize: 11 }} />
        <YAxis tick={{ fontSize: 11 }} />
        <Tooltip content={TooltipBody} />
        <Legend verticalAlign="top" wrapperStyle={{ fontSize: 11 }} />
        <Bar dataKey="completed" name={c.periodCompleted} fill="#7dd3fc" isAnimationActive={false} />
        <Line dataKey="cumulative" name={c.cumulative} stroke="#0369a1" strokeWidth={2} dot={{ r: 2 }} connectNulls={false} isAnimationActive={false} />
        <Line dataKey="planned" name={c.planned} stroke="#ca8a04" strokeDasharray="5 4" dot={false} isAnimationActive={false} />
      </ComposedChart>
      <details className="mt-2 text-xs">
        <summary className="cursor-pointer text-slate-600">{c.table}</summary>
        <table className="mt-1 w-full" data-testid="trend-table">
          <thead className="text-slate-500">
            <tr>
              <th className="text-left">{zhFinance.period}</th>
              <th className="text-right">{c.periodCompleted}</th>
              <th className="text-right">{c.cumulative}</th>
              <th className="text-right">{c.planned}</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.period} className="border-t">
                <td>{periodLabel(p.period)}</td>
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
    </section>
  );
}
