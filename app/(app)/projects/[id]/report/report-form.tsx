"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { saveReportAction } from "./actions";
import { FormFailure } from "@/components/conflict-notice";
import { applyFieldErrors, FieldError, inputClass } from "@/components/form";
import { convertTyped } from "@/lib/money";
import { reportSaveSchema, type ReportSaveInput } from "@/lib/schemas/report";
import type { ChangeSince } from "@/lib/server/audit/changes-since";

const AMOUNT_FIELDS = ["completedAmount", "annualPlan", "fundsCentral", "fundsProvincial", "fundsLocal", "fundsSpecialBond", "fundsSelf"] as const;

type Props = { defaults: ReportSaveInput; locked: boolean; needsCorrectionReason: boolean; outsideBuildPeriod: boolean; annualPlanNote: string };

export function ReportForm({ defaults, locked, needsCorrectionReason, outsideBuildPeriod, annualPlanNote }: Props) {
  const router = useRouter();
  const [failure, setFailure] = useState<{ message: string; conflict?: ChangeSince[] } | null>(null);
  const [warnings, setWarnings] = useState<string[]>([]);
  const form = useForm<ReportSaveInput>({ resolver: zodResolver(reportSaveSchema) as never, defaultValues: defaults });
  const e = form.formState.errors as Record<string, { message?: string } | undefined>;
  const moneyUnit = form.watch("moneyUnit");
  const unit = moneyUnit === "yi" ? "亿元" : "万元";
  // Switching the unit converts what is typed, exactly, so a figure keeps its value.
  const shownUnit = useRef(defaults.moneyUnit);
  useEffect(() => {
    if (moneyUnit === shownUnit.current) return;
    for (const f of AMOUNT_FIELDS) {
      const v = String(form.getValues(f) ?? "").trim();
      if (/^\d+(\.\d+)?$/.test(v)) form.setValue(f, convertTyped(v, shownUnit.current, moneyUnit));
    }
    shownUnit.current = moneyUnit;
  }, [moneyUnit, form]);
  const save = (submit: boolean) =>
    form.handleSubmit(async (values) => {
      setFailure(null);
      const result = await saveReportAction({ ...values, submit });
      if (result.ok) {
        setWarnings(result.data.warnings);
        if (result.data.warnings.length === 0) router.push(`/projects/${defaults.projectId}`);
        router.refresh();
        return;
      }
      applyFieldErrors(form.setError, result.fieldErrors);
      setFailure({ message: result.message, conflict: result.code === "CONFLICT" ? (result.details as ChangeSince[]) : undefined });
    });
  const amount = (name: keyof ReportSaveInput, label: string) => (
    <label className="block text-sm">
      {label}（{unit}）
      <input {...form.register(name)} inputMode="decimal" disabled={locked} className={inputClass} />
      <FieldError message={e[name]?.message} />
    </label>
  );
  return (
    <form className="mt-4 max-w-3xl space-y-4 rounded bg-white p-6 shadow-sm" noValidate data-testid="report-form">
      <label className="block w-40 text-sm">
        金额单位
        <select {...form.register("moneyUnit")} disabled={locked} className={inputClass}>
          <option value="wan">万元</option>
          <option value="yi">亿元</option>
        </select>
      </label>
      <div className="grid grid-cols-2 gap-4">
        {amount("completedAmount", "本期完成投资")}
        <div>
          {amount("annualPlan", "年度计划投资")}
          <p className="mt-1 text-xs text-slate-500" data-testid="annual-plan-note">
            {annualPlanNote}
          </p>
        </div>
      </div>
      <fieldset className="rounded border p-3">
        <legend className="px-1 text-sm text-slate-600">本期资金到位（按来源，未知留空）</legend>
        <div className="grid grid-cols-2 gap-3 sm:grid-cols-3">
          {amount("fundsCentral", "中央")}
          {amount("fundsProvincial", "省级")}
          {amount("fundsLocal", "市县")}
          {amount("fundsSpecialBond", "专项债")}
          {amount("fundsSelf", "自筹")}
        </div>
      </fieldset>
      <div className="grid grid-cols-[8rem_1fr] gap-4">
        <label className="block text-sm">
          形象进度（%）
          <input {...form.register("progressPercent")} inputMode="decimal" disabled={locked} className={inputClass} />
          <FieldError message={e.progressPercent?.message} />
        </label>
        <label className="block text-sm">
          形象进度说明
          <input {...form.register("progressText")} disabled={locked} className={inputClass} />
        </label>
      </div>
      <label className="block text-sm">
        存在问题
        <textarea {...form.register("problems")} rows={2} disabled={locked} className={inputClass} />
      </label>
      <label className="block text-sm">
        下步计划
        <textarea {...form.register("nextSteps")} rows={2} disabled={locked} className={inputClass} />
      </label>
      {outsideBuildPeriod && (
        <label className="block text-sm">
          本期不在项目建设期内，请说明原因
          <input {...form.register("outOfPeriodReason")} disabled={locked} className={inputClass} />
          <FieldError message={e.outOfPeriodReason?.message} />
        </label>
      )}
      {needsCorrectionReason && (
        <label className="block text-sm">
          本期已审核通过并锁定；更正将生成新的修订版本，审核通过前仍按原数据统计。更正原因
          <input {...form.register("correctionReason")} className={inputClass} />
          <FieldError message={e.correctionReason?.message} />
        </label>
      )}
      <FormFailure failure={failure} />
      {warnings.map((w) => (
        <p key={w} className="rounded bg-amber-50 px-3 py-2 text-sm text-amber-900">
          ⚠ 已保存。{w}
        </p>
      ))}
      {!locked && (
        <div className="flex gap-3">
          <button
            type="button"
            onClick={save(false)}
            disabled={form.formState.isSubmitting}
            className="rounded px-4 py-1.5 ring-1 ring-slate-300 disabled:opacity-60"
          >
            保存草稿
          </button>
          <button
            type="button"
            onClick={save(true)}
            disabled={form.formState.isSubmitting}
            className="rounded bg-sky-700 px-4 py-1.5 text-white disabled:opacity-60"
          >
            保存并提交审核
          </button>
        </div>
      )}
    </form>
  );
}
