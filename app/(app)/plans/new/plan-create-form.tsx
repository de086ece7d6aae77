"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { Announce, applyFieldErrors, Field, inputClass, RequiredNote } from "@/components/form";
import { zhPlans } from "@/lib/i18n/zh-CN-plans";
import { zh } from "@/lib/i18n/zh-CN";
import { planCreateSchema, type PlanCreateInput } from "@/lib/schemas/plan";
import { DocumentInput } from "../document-input";
import { CycleOptions, MoneyUnitOptions } from "../plan-options";
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
    <form method="post" onSubmit={onSubmit} className="grid gap-4 rounded bg-white p-6 shadow-sm md:grid-cols-2" noValidate data-testid="plan-create-form">
      <div className="md:col-span-2">
        <RequiredNote />
      </div>
      <Field label={F.title} required error={e.title?.message} className="block text-sm md:col-span-2">
        {(p) => <input {...form.register("title")} {...p} className={inputClass} placeholder="如：健康岳阳“十五五”发展规划" />}
      </Field>
      <Field label={F.level} error={e.level?.message}>
        {(p) => (
          <select {...form.register("level")} {...p} className={inputClass}>
            {Object.entries(zh.level).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={F.region} required error={e.regionId?.message}>
        {(p) => (
          <select
            {...p}
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
        )}
      </Field>
      {newRegion && (
        <>
          <Field label={F.regionName} required error={e.regionName?.message}>
            {(p) => <input {...form.register("regionName")} {...p} className={inputClass} />}
          </Field>
          <Field label={F.regionLevel} required error={e.regionLevel?.message}>
            {(p) => (
              <select {...form.register("regionLevel", { setValueAs: (v: string) => v || null })} {...p} className={inputClass}>
                <option value="">请选择</option>
                {Object.entries(zhPlans.regionLevel).map(([k, v]) => (
                  <option key={k} value={k}>
                    {v}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </>
      )}
      <Field label={F.periodStart} required error={e.periodStart?.message}>
        {(p) => <input {...form.register("periodStart")} {...p} type="number" min={2000} max={2100} className={inputClass} />}
      </Field>
      <Field label={F.periodEnd} required error={e.periodEnd?.message}>
        {(p) => <input {...form.register("periodEnd")} {...p} type="number" min={2000} max={2100} className={inputClass} />}
      </Field>
      <Field label={F.cycle}>
        {(p) => (
          <select {...form.register("reportingCycle")} {...p} className={inputClass}>
            <CycleOptions />
          </select>
        )}
      </Field>
      <Field label={F.moneyUnit}>
        {(p) => (
          <select {...form.register("moneyUnit")} {...p} className={inputClass}>
            <MoneyUnitOptions />
          </select>
        )}
      </Field>
      <Field label={F.document} hint={F.documentHint} error={documentError} className="block text-sm md:col-span-2">
        {(p) => (
          <DocumentInput
            control={p}
            onChange={(doc) => {
              form.clearErrors("document");
              form.setValue("document", doc ?? null);
            }}
            onTooLarge={() => form.setError("document", { message: F.tooLarge })}
          />
        )}
      </Field>
      <Announce className="md:col-span-2">{failure && <p className="rounded bg-red-50 px-3 py-2 text-sm text-red-700">{failure}</p>}</Announce>
      <div className="md:col-span-2">
        <button type="submit" disabled={form.formState.isSubmitting} className="rounded bg-sky-700 px-4 py-1.5 text-white hover:bg-sky-800 disabled:opacity-60">
          {F.create}
        </button>
      </div>
    </form>
  );
}
