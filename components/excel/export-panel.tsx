"use client";
import { useState } from "react";
import { zhExcel } from "@/lib/i18n/zh-CN-excel";
import type { MoneyUnit } from "@/lib/money";
import { periodLabel } from "@/lib/periods";
import { DownloadButton } from "./download-button";

const select = "mt-1 block rounded border border-slate-300 bg-white px-2 py-1 text-sm";

// Export choices on a plan page: the 调度表 for a period (whole plan or one unit, 万元 or 亿元) and the rollup table.
export function ExportPanel(props: {
  planId: number;
  periods: string[]; // periodChoices()
  period: string;
  units: { id: number; name: string }[];
  money: MoneyUnit;
}) {
  const [period, setPeriod] = useState(props.period);
  const [unit, setUnit] = useState("");
  const [money, setMoney] = useState<MoneyUnit>(props.money);
  const [submitted, setSubmitted] = useState(false);
  const qs = new URLSearchParams({ plan: String(props.planId), period, money, ...(unit && { unit }), ...(submitted && { includeSubmitted: "1" }) });
  const T = zhExcel.export;
  return (
    <section className="mt-6 rounded bg-white p-3 text-sm shadow-sm" data-testid="export-panel">
      <h2 className="mb-2 font-semibold">{T.heading}</h2>
      <div className="flex flex-wrap items-end gap-3">
        <label>
          {T.period}
          <select name="period" value={period} onChange={(e) => setPeriod(e.target.value)} className={select}>
            {props.periods.map((p) => (
              <option key={p} value={p}>
                {periodLabel(p)}
              </option>
            ))}
          </select>
        </label>
        {props.units.length > 0 && (
          <label>
            {T.unit}
            <select name="unit" value={unit} onChange={(e) => setUnit(e.target.value)} className={select}>
              <option value="">{T.allUnits}</option>
              {props.units.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          {T.money}
          <select name="money" value={money} onChange={(e) => setMoney(e.target.value as MoneyUnit)} className={select}>
            <option value="wan">万元</option>
            <option value="yi">亿元</option>
          </select>
        </label>
        <label className="flex items-center gap-1 pb-1">
          <input type="checkbox" checked={submitted} onChange={(e) => setSubmitted(e.target.checked)} />
          {T.includeSubmitted}
        </label>
      </div>
      <div className="mt-3 flex flex-wrap gap-3">
        <DownloadButton
          href={`/api/v1/exports/schedule?${qs}`}
          label={T.schedule}
          testId="export-schedule"
          className="rounded bg-sky-700 px-3 py-1.5 text-white hover:bg-sky-800 disabled:opacity-50"
        />
        <DownloadButton href={`/api/v1/exports/rollup?plan=${props.planId}&money=${money}`} label={T.rollup} testId="export-rollup" />
      </div>
    </section>
  );
}
