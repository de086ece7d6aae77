"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { applyFieldErrors, FieldError, inputClass } from "@/components/form";
import { zhPlans } from "@/lib/i18n/zh-CN-plans";
import { zh } from "@/lib/i18n/zh-CN";
import { planCreateSchema, type PlanCreateInput } from "@/lib/schemas/plan";
import { DocumentInput } from "../document-input";
import { createPlanAction } from "./actions";

const F = zhPlans.form;
type Region = { id: number; name: string; level: string };
type Errors = Record<string, { message?: string; fileName?: { message?: string }; content?: { message?: string } } | undefined>;

export function PlanCreateForm({ regions }: { regions: Region[] }) {
  const router = useRouter();
  const [failure, setFailure] = useState<string | null>(null);
  const [newRegion, setNewRegion] = useState(regions.length === 0);
  const form = useForm<PlanCreateInput>({
    resolver: zodResolver(planCreateSchema as never) as never,
    defaultValues: {
      title: "",
      level: "CITY",
      regionId: null,
      regionName: "",
      regionLevel: null,
      periodStart: 2026,
      periodEnd: 2030,
      reportingCycle: "MONTHLY",
      moneyUnit: "yi",
      document: null,
    },
  });
  const regionId = useWatch({ control: form.control, name: "regionId" });
  const e = form.formState.errors as Errors;
  const documentError = e.document?.message ?? e.document?.fileName?.message ?? e.document?.content?.message;
  const onSubmit = form.handleSubmit(async (values) => {
    setFailure(null);
    const result = await createPlanAction(values);
    if (result.ok) return router.push(`/plans/${(result.data as { id: number }).id}/settings`);
    applyFieldErrors(form.setError, result.fieldErrors);
    setFailure(result.message);
  });
  return (
    <form onSubmit={onSubmit} className="grid gap-4 rounded bg-white p-6 shadow-sm md:grid-cols-2" noValidate data-testid="plan-create-form">
      <label className="block text-sm md:col-span-2">
        {F.title}
        <input {...form.register("title")} className={inputClass} placeholder="如：健康岳阳“十五五”发展规划" />
        <FieldError message={e.title?.message} />
      </label>
      <label className="block text-sm">
        {F.level}
        <select {...form.register("level")} className={inputClass}>
          {Object.entries(zh.level).map(([k, v]) => (
            <option key={k} value={k}>
              {v}
            </option>
          ))}
        </select>
        <FieldError message={e.level?.message} />
      </label>
      <label className="block text-sm">
        {F.region}
        <select
          className={inputClass}
          value={newRegion ? "new" : String(regionId ?? "")}
          onChange={(ev) => {
            const v = ev.target.value;
            setNewRegion(v === "new");
            form.setValue("regionId", v === "new" || v === "" ? null : Number(v));
            if (v !== "new") {
              form.setValue("regionName", "");
              form.setValue("regionLevel", null);
            }
          }}
          data-testid="plan-region"
        >
          <option value="">请选择</option>
          {regions.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}（{zhPlans.regionLevel[r.level]}）
            </option>
          ))}
          <option value="new">{F.newRegion}</option>
        </select>
        <FieldError message={e.regionId?.message} />
      </label>
      {newRegion && (
        <>
          <label className="block text-sm">
            {F.regionName}
            <input {...form.register("regionName")} className={inputClass} />
            <FieldError message={e.regionName?.message} />
          </label>
          <label className="block text-sm">
            {F.regionLevel}
            <select {...form.register("regionLevel", { setValueAs: (v: string) => v || null })} className={inputClass}>
              <option value="">请选择</option>
              {Object.entries(zhPlans.regionLevel).map(([k, v]) => (
                <option key={k} value={k}>
                  {v}
                </option>
              ))}
            </select>
            <FieldError message={e.regionLevel?.message} />
          </label>
        </>
      )}
      <label className="block text-sm">
        {F.periodStart}
        <input {...form.register("periodStart")} type="number" min={2000} max={2100} className={inputClass} />
        <FieldError message={e.periodStart?.message} />
      </label>
      <label className="block text-sm">
        {F.periodEnd}
        <input {...form.register("periodEnd")} type="number" min={2000} max={2100} className={inputClass} />
        <FieldError message={e.periodEnd?.message} />
      </label>
      <label className="block text-sm">
        {F.cycle}
        <select {...form.register("reportingCycle")} className={inputClass}>
          {Object.entries(zhPlans.cycle).map(([k, v]) => (
            <option key={k} value={k}>
              {v}
            </option>
          ))}
        </select>
      </label>
      <label className="block text-sm">
        {F.moneyUnit}
        <select {...form.register("moneyUnit")} className={inputClass}>
          <option value="yi">{zh.money.yi}</option>
          <option value="wan">{zh.money.wan}</option>
        </select>
      </label>
      <label className="block text-sm md:col-span-2">
        {F.document}
        <DocumentInput
          onChange={(doc) => {
            form.clearErrors("document");
            form.setValue("document", doc ?? null);
          }}
          onTooLarge={() => form.setError("document", { message: F.tooLarge })}
        />
        <span className="text-xs text-slate-500">{F.documentHint}</span>
        <FieldError message={documentError} />
      </label>
      {failure && <p className="rounded bg-red-50 px-3 py-2 text-sm text-red-700 md:col-span-2">{failure}</p>}
      <div className="md:col-span-2">
        <button type="submit" disabled={form.formState.isSubmitting} className="rounded bg-sky-700 px-4 py-1.5 text-white hover:bg-sky-800 disabled:opacity-60">
          {F.create}
        </button>
      </div>
    </form>
  );
}
