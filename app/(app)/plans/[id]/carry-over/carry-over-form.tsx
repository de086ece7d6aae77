"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { carryOverAction } from "./actions";
import { DataTable } from "@/components/data-table";
import { Announce, Field, inputClass } from "@/components/form";
import { zh } from "@/lib/i18n/zh-CN";
import { formatMoney } from "@/lib/money";
import type { carryOverCandidates } from "@/lib/server/carry-over/carry-over-candidates";

type Data = Awaited<ReturnType<typeof carryOverCandidates>>;
type Result = { carried: number; subProjects: number; reportsMoved: number };

// Pick projects, map their units and categories (same names preselected), name the cut-over, confirm.
export function CarryOverForm({ data }: { data: Data }) {
  const router = useRouter();
  const from = data.from!;
  const [picked, setPicked] = useState<Set<number>>(new Set());
  const [unitMap, setUnitMap] = useState<Record<string, number | undefined>>(data.defaults.unitMap);
  const [sectionMap, setSectionMap] = useState<Record<string, number | undefined>>(data.defaults.sectionMap);
  const [cutover, setCutover] = useState(data.defaults.cutoverPeriod);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string; result?: Result } | null>(null);
  const chosen = data.projects.filter((p) => picked.has(p.id));
  const usedUnits = from.units.filter((u) => chosen.some((p) => p.unitId === u.id));
  const usedSections = from.sections.filter((s) => chosen.some((p) => p.sectionId === s.id));
  const toggle = (id: number) => setPicked((s) => (s.has(id) ? new Set([...s].filter((x) => x !== id)) : new Set(s).add(id)));
  const submit = async () => {
    setBusy(true);
    setConfirming(false);
    const result = await carryOverAction({
      fromPlanId: from.id,
      toPlanId: data.to.id,
      cutoverPeriod: cutover,
      projects: chosen.map((p) => ({ id: p.id, version: p.version })),
      unitMap: Object.fromEntries(Object.entries(unitMap).filter(([, v]) => v !== undefined)),
      sectionMap: Object.fromEntries(Object.entries(sectionMap).filter(([, v]) => v !== undefined)),
    });
    setBusy(false);
    if (result.ok) {
      setMessage({
        ok: true,
        text: `已结转 ${result.data.carried} 个项目（含子项目 ${result.data.subProjects} 个），随项目转入调度报告 ${result.data.reportsMoved} 份。`,
        result: result.data,
      });
      setPicked(new Set());
      router.refresh();
    } else setMessage({ ok: false, text: [result.message, ...Object.values(result.fieldErrors ?? {}).flat()].join(" ") });
  };
  const mapSelect = (
    label: string,
    items: { id: number; name: string }[],
    targets: { id: number; name: string }[],
    map: Record<string, number | undefined>,
    set: (m: Record<string, number | undefined>) => void,
  ) =>
    items.length > 0 && (
      <fieldset className="rounded border p-3">
        <legend className="px-1 text-slate-600">{label}</legend>
        <div className="grid gap-2 sm:grid-cols-2">
          {items.map((i) => (
            <label key={i.id} className="flex items-center gap-2">
              <span className="w-32 shrink-0">{i.name} →</span>
              <select
                aria-label={`${i.name} 对应`}
                value={map[String(i.id)] ?? ""}
                onChange={(e) => set({ ...map, [String(i.id)]: e.target.value ? Number(e.target.value) : undefined })}
                className={inputClass}
              >
                <option value="">请选择</option>
                {targets.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name}
                  </option>
                ))}
              </select>
            </label>
          ))}
        </div>
      </fieldset>
    );
  return (
    <div className="mt-4 space-y-4" data-testid="carry-over-form">
      <DataTable
        testId="carry-over-projects"
        rows={data.projects}
        rowKey={(p) => p.id}
        empty="该来源规划没有未竣工且未结转的项目。"
        columns={[
          {
            key: "pick",
            header: (
              <input
                type="checkbox"
                aria-label="全选"
                checked={chosen.length > 0 && chosen.length === data.projects.length}
                onChange={(e) => setPicked(e.target.checked ? new Set(data.projects.map((p) => p.id)) : new Set())}
              />
            ),
            cell: (p) => <input type="checkbox" checked={picked.has(p.id)} onChange={() => toggle(p.id)} aria-label={`选择 ${p.name}`} />,
          },
          {
            key: "name",
            header: "项目",
            className: "min-w-48",
            cell: (p) => (
              <>
                {p.name}
                {p.children > 0 && <span className="ml-1 text-xs text-slate-500">（含子项目 {p.children} 个）</span>}
              </>
            ),
          },
          { key: "unit", header: "单位", nowrap: true, cell: (p) => from.units.find((u) => u.id === p.unitId)?.name ?? "—" },
          { key: "status", header: "状态", nowrap: true, cell: (p) => zh.status[p.status] },
          { key: "period", header: "建设周期", nowrap: true, cell: (p) => (p.startYear ? `${p.startYear}–${p.endYear ?? "?"}` : "—") },
          { key: "total", header: "总投资（万元）", numeric: true, cell: (p) => formatMoney(p.totalInvestment, "wan") },
        ]}
      />
      {chosen.length > 0 && (
        <div className="space-y-3 rounded bg-white p-4 text-sm shadow-sm">
          {mapSelect("单位对应（原规划 → 本规划）", usedUnits, data.to.units, unitMap, setUnitMap)}
          {mapSelect("类别对应（原规划 → 本规划）", usedSections, data.to.sections, sectionMap, setSectionMap)}
          <Field label="切换期次" className="block w-48">
            {(p) => <input {...p} value={cutover} onChange={(e) => setCutover(e.target.value)} className={inputClass} />}
          </Field>
          <button type="button" disabled={busy} onClick={() => setConfirming(true)} className="rounded bg-sky-700 px-4 py-1.5 text-white disabled:opacity-50">
            结转（{chosen.length}）
          </button>
          {confirming && (
            <div role="dialog" aria-label="确认结转" className="rounded border border-sky-300 bg-sky-50 p-3" data-testid="confirm-carry-over">
              <p className="font-medium">
                确认将以下 {chosen.length} 个项目自 {cutover} 起转入「{data.to.title}」续建？
              </p>
              <ul className="mt-1 max-h-48 list-disc overflow-y-auto pl-6">
                {chosen.map((p) => (
                  <li key={p.id}>{p.name}</li>
                ))}
              </ul>
              <div className="mt-2 flex gap-3">
                <button type="button" autoFocus onClick={submit} className="rounded bg-sky-700 px-4 py-1.5 text-white">
                  确认结转
                </button>
                <button type="button" onClick={() => setConfirming(false)} className="rounded px-4 py-1.5 ring-1 ring-slate-300">
                  取消
                </button>
              </div>
            </div>
          )}
        </div>
      )}
      <Announce>
        {message && (
          <p className={`rounded px-3 py-2 text-sm ${message.ok ? "bg-green-50 text-green-800" : "bg-red-50 text-red-700"}`} data-testid="carry-over-message">
            {message.text}{" "}
            {message.ok && (
              <Link href={`/projects?plan=${data.to.id}`} className="underline">
                查看本规划的项目
              </Link>
            )}
          </p>
        )}
      </Announce>
    </div>
  );
}
