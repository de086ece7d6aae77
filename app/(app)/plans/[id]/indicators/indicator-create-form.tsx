"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { createIndicatorAction } from "./actions";
import { Announce, applyFieldErrors, Field, inputClass } from "@/components/form";
import { indicatorCreateSchema, type IndicatorCreateInput } from "@/lib/schemas/indicator";

// The plan office adds an indicator as the plan prints it.
export function IndicatorCreateForm({ planId, baselineYear, targetYear }: { planId: number; baselineYear: number; targetYear: number }) {
  const router = useRouter();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const empty: IndicatorCreateInput = {
    planId,
    category: "",
    shortName: "",
    unit: "",
    attribute: "EXPECTED",
    baselineYear,
    baselineText: "",
    targetYear,
    targetText: "",
    direction: null,
  };
  const form = useForm<IndicatorCreateInput>({ resolver: zodResolver(indicatorCreateSchema) as never, defaultValues: empty });
  const e = form.formState.errors;
  const onSubmit = form.handleSubmit(async (values) => {
    setMessage(null);
    const result = await createIndicatorAction(values);
    if (result.ok) {
      setMessage({ ok: true, text: "已新增指标。" });
      form.reset(empty);
      router.refresh();
      return;
    }
    applyFieldErrors(form.setError, result.fieldErrors);
    setMessage({ ok: false, text: result.message });
  });
  const field = (name: keyof IndicatorCreateInput, label: string, hint?: string) => (
    <Field label={label} error={e[name]?.message} className="block">
      {(p) => <input {...form.register(name)} {...p} placeholder={hint} className={inputClass} />}
    </Field>
  );
  return (
    <form
      method="post"
      onSubmit={onSubmit}
      noValidate
      className="grid gap-3 rounded bg-white p-3 text-sm shadow-sm sm:grid-cols-2 lg:grid-cols-4"
      data-testid="indicator-create-form"
    >
      {field("category", "领域", "健康水平")}
      {field("shortName", "指标名称", "人均预期寿命")}
      {field("unit", "计量单位", "岁")}
      <Field label="属性" className="block">
        {(p) => (
          <select {...form.register("attribute")} {...p} className={inputClass}>
            <option value="EXPECTED">预期性</option>
            <option value="BINDING">约束性</option>
          </select>
        )}
      </Field>
      {field("baselineYear", "基期年份")}
      {field("baselineText", "基期值（按原文）", "77.3")}
      {field("targetYear", "目标年份")}
      {field("targetText", "目标值（按原文）", "≥80、78.60左右、持续下降")}
      <Field label="方向（原文未表明时）" className="block">
        {(p) => (
          <select {...form.register("direction", { setValueAs: (v) => (v === "" || v === null ? null : v) })} {...p} className={inputClass}>
            <option value="">按目标值判断</option>
            <option value="HIGHER">越高越好</option>
            <option value="LOWER">越低越好</option>
          </select>
        )}
      </Field>
      <div className="flex items-end gap-3 sm:col-span-2 lg:col-span-3">
        <button type="submit" disabled={form.formState.isSubmitting} className="rounded bg-sky-700 px-4 py-1.5 text-white disabled:opacity-60">
          新增指标
        </button>
        <Announce className="contents">{message && <span className={message.ok ? "text-green-800" : "text-red-700"}>{message.text}</span>}</Announce>
      </div>
    </form>
  );
}
