"use client";
import { useState } from "react";
import { updatePlanSettingsAction } from "./actions";

export function PlanSettingsForm({ id, cycle }: { id: number; cycle: "MONTHLY" | "QUARTERLY" }) {
  const [value, setValue] = useState(cycle);
  const [message, setMessage] = useState<string | null>(null);
  return (
    <form
      className="flex items-center gap-2 text-sm"
      onSubmit={async (e) => {
        e.preventDefault();
        const result = await updatePlanSettingsAction({ id, reportingCycle: value });
        setMessage(result.ok ? "已保存。" : result.message);
      }}
    >
      填报周期
      <select value={value} onChange={(e) => setValue(e.target.value as typeof cycle)} className="rounded border border-slate-300 px-2 py-0.5">
        <option value="MONTHLY">按月</option>
        <option value="QUARTERLY">按季度</option>
      </select>
      <button className="rounded px-2 py-0.5 ring-1 ring-slate-300">保存</button>
      {message && <span className="text-slate-600">{message}</span>}
    </form>
  );
}
