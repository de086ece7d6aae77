"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { proposeAnnualPlanAction, setAnnualPlanAction } from "./actions";
import { applyFieldErrors, Field, inputClass } from "@/components/form";
import { UnsavedMark, useUnsavedChanges } from "@/components/unsaved-changes";
import { annualPlanSetSchema, annualPlanProposeSchema, type AnnualPlanSetInput } from "@/lib/schemas/annual-plan";

// An officer proposes a year's 年度计划投资 for review; the plan office or finance sets it (下达).
export function AnnualPlanForm({ projectId, year, mode }: { projectId: number; year: number; mode: "propose" | "set" }) {
  const router = useRouter();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const form = useForm<AnnualPlanSetInput>({
    resolver: zodResolver(mode === "set" ? annualPlanSetSchema : annualPlanProposeSchema) as never,
    defaultValues: { projectId, year, amount: "", moneyUnit: "wan", reason: "" },
  });
  const e = form.formState.errors;
  // A typed figure is not lost by leaving unasked; a refused one stays in the form (reset only on success).
  useUnsavedChanges(form.formState.isDirty);
  const onSubmit = form.handleSubmit(async (values) => {
    setMessage(null);
    const result = await (mode === "set" ? setAnnualPlanAction : proposeAnnualPlanAction)(values);
    if (result.ok) {
      setMessage({ ok: true, text: mode === "set" ? "已保存：已下达，计入正式统计。" : "已保存：已提交审核，审核通过后计入正式统计。" });
      form.reset({ projectId, year: values.year, amount: "", moneyUnit: values.moneyUnit, reason: "" });
      router.refresh();
      return;
    }
    applyFieldErrors(form.setError, result.fieldErrors);
    setMessage({ ok: false, text: result.message });
  });
  return (
    <form
      method="post"
      onSubmit={onSubmit}
      noValidate
      className="mt-2 flex flex-wrap items-start gap-3 rounded bg-white p-3 text-sm shadow-sm"
      data-testid="annual-plan-form"
    >
      <Field label="年度" error={e.year?.message} required className="w-24">
        {(p) => <input {...form.register("year")} {...p} inputMode="numeric" className={inputClass} />}
      </Field>
      <Field label="年度计划投资" error={e.amount?.message} required className="w-40">
        {(p) => <input {...form.register("amount")} {...p} inputMode="decimal" className={inputClass} />}
      </Field>
      <Field label="单位" className="w-24">
        {(p) => (
          <select {...form.register("moneyUnit")} {...p} className={inputClass}>
            <option value="wan">万元</option>
            <option value="yi">亿元</option>
          </select>
        )}
      </Field>
      {mode === "set" && (
        <Field label="下达依据（文号或说明）" error={e.reason?.message} required className="min-w-56 flex-1">
          {(p) => <input {...form.register("reason")} {...p} className={inputClass} />}
        </Field>
      )}
      <button type="submit" disabled={form.formState.isSubmitting} className="mt-5 rounded bg-sky-700 px-4 py-1.5 text-white disabled:opacity-60">
        {mode === "set" ? "下达" : "提交审核"}
      </button>
      <UnsavedMark dirty={form.formState.isDirty} />
      <div role="status" aria-live="polite" className="basis-full">
        {message && (
          <p className={`rounded px-3 py-2 ${message.ok ? "bg-green-50 text-green-800" : "bg-red-50 text-red-700"}`} data-testid="annual-plan-message">
            {message.ok ? "✓ " : ""}
            {message.text}
          </p>
        )}
      </div>
    </form>
  );
}
