"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { saveIndicatorValueAction } from "./actions";
import { applyFieldErrors, Field, FormResult, inputClass } from "@/components/form";
import { indicatorValueSaveSchema, type IndicatorValueSaveInput } from "@/lib/schemas/indicator";
import type { ChangeSince } from "@/lib/server/audit/changes-since";

type Current = { year: number; unitId: number | null; value: string; dataSource: string; note: string | null; version: number; status: string };

// A monitoring value for a year: submitted for review at once. Picking a year and unit that already
// have a value loads it (edited from its version; an approved one is corrected with a reason).
export function IndicatorValueForm({
  indicatorId,
  years,
  units,
  current,
}: {
  indicatorId: number;
  years: number[];
  units: { id: number | null; name: string }[];
  current: Current[];
}) {
  const router = useRouter();
  const [failure, setFailure] = useState<{ message: string; conflict?: ChangeSince[] } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const find = (year: number, unitId: number | null) => current.find((c) => c.year === year && c.unitId === unitId);
  const defaults = (year: number, unitId: number | null): IndicatorValueSaveInput => {
    const c = find(year, unitId);
    return {
      indicatorId,
      year,
      unitId,
      value: c?.value ?? "",
      dataSource: c?.dataSource ?? "",
      note: c?.note ?? "",
      version: c?.version,
      correctionReason: "",
    };
  };
  const form = useForm<IndicatorValueSaveInput>({
    resolver: zodResolver(indicatorValueSaveSchema) as never,
    defaultValues: defaults(years.at(-1)!, units[0].id),
  });
  const e = form.formState.errors;
  const year = Number(form.watch("year"));
  const unitId = form.watch("unitId") ?? null;
  const existing = find(year, unitId === "" ? null : (unitId as number | null));
  const reload = (y: number, u: number | null) => form.reset(defaults(y, u));
  const onSubmit = form.handleSubmit(async (values) => {
    setFailure(null);
    setDone(null);
    const result = await saveIndicatorValueAction(values);
    if (result.ok) {
      setDone("已提交审核，审核通过后计为正式数据。");
      router.refresh();
      return;
    }
    applyFieldErrors(form.setError, result.fieldErrors);
    setFailure({ message: result.message, conflict: result.code === "CONFLICT" ? (result.details as ChangeSince[]) : undefined });
  });
  return (
    <form
      method="post"
      onSubmit={onSubmit}
      noValidate
      className="grid gap-3 rounded bg-white p-3 text-sm shadow-sm sm:grid-cols-2 lg:grid-cols-4"
      data-testid="indicator-value-form"
    >
      <Field label="年度" error={e.year?.message} className="block">
        {(p) => (
          <select
            {...p}
            {...form.register("year", { onChange: (ev) => reload(Number(ev.target.value), unitId === "" ? null : (unitId as number | null)) })}
            className={inputClass}
          >
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="范围" error={e.unitId?.message} className="block">
        {(p) => (
          <select
            {...p}
            {...form.register("unitId", {
              setValueAs: (v) => (v === "" || v === null ? null : Number(v)),
              onChange: (ev) => reload(year, ev.target.value === "" ? null : Number(ev.target.value)),
            })}
            className={inputClass}
          >
            {units.map((u) => (
              <option key={u.id ?? ""} value={u.id ?? ""}>
                {u.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="数值" required error={e.value?.message} className="block">
        {(p) => <input {...form.register("value")} {...p} inputMode="decimal" className={inputClass} />}
      </Field>
      <Field label="数据来源" required error={e.dataSource?.message} className="block">
        {(p) => (
          <>
            <input {...form.register("dataSource")} {...p} list="indicator-sources" placeholder="统计年报" className={inputClass} />
            <datalist id="indicator-sources">
              <option value="统计年报" />
              <option value="卫生健康统计年鉴" />
              <option value="监测系统" />
              <option value="抽样调查" />
            </datalist>
          </>
        )}
      </Field>
      <Field label="说明" error={e.note?.message} className="sm:col-span-2">
        {(p) => <input {...form.register("note")} {...p} className={inputClass} />}
      </Field>
      {existing?.status === "APPROVED" && (
        <Field label="更正原因（该年度数值已审核通过，更正须说明原因）" required error={e.correctionReason?.message} className="sm:col-span-2">
          {(p) => <input {...form.register("correctionReason")} {...p} className={inputClass} />}
        </Field>
      )}
      <div className="flex items-end gap-3 sm:col-span-2 lg:col-span-4">
        <button type="submit" disabled={form.formState.isSubmitting} className="rounded bg-sky-700 px-4 py-1.5 text-white disabled:opacity-60">
          {existing ? (existing.status === "APPROVED" ? "提交更正" : "修改并提交") : "提交审核"}
        </button>
        {existing && (
          <span className="text-slate-600">
            该年度已有数值（{existing.status === "APPROVED" ? "已审核" : existing.status === "RETURNED" ? "已退回" : "待审核"}）
          </span>
        )}
      </div>
      <div className="sm:col-span-2 lg:col-span-4">
        <FormResult failure={failure} success={done} />
      </div>
    </form>
  );
}
