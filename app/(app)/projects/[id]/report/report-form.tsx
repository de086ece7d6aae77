"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { saveReportAction } from "./actions";
import { setFlash } from "@/components/flash-notice";
import { applyFieldErrors, Field, FormResult, inputClass, RequiredNote, type Failure } from "@/components/form";
import { UnsavedMark, useUnsavedChanges } from "@/components/unsaved-changes";
import { formatDateTime } from "@/lib/dates";
import { convertTyped } from "@/lib/money";
import { rememberMoneyUnit } from "@/lib/money-unit-choice";
import { reportSaveSchema, type ReportSaveInput } from "@/lib/schemas/report";
import type { ChangeSince } from "@/lib/server/audit/changes-since";

const AMOUNT_FIELDS = ["completedAmount", "annualPlan", "fundsCentral", "fundsProvincial", "fundsLocal", "fundsSpecialBond", "fundsSelf"] as const;

type Props = { defaults: ReportSaveInput; locked: boolean; needsCorrectionReason: boolean; outsideBuildPeriod: boolean; annualPlanNote: string };

export function ReportForm({ defaults, locked, needsCorrectionReason, outsideBuildPeriod, annualPlanNote }: Props) {
  const router = useRouter();
  const [failure, setFailure] = useState<Failure>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [warnings, setWarnings] = useState<string[]>([]);
  const [conflicted, setConflicted] = useState(false);
  const form = useForm<ReportSaveInput>({ resolver: zodResolver(reportSaveSchema) as never, defaultValues: defaults });
  const e = form.formState.errors as Record<string, { message?: string } | undefined>;
  const dirty = form.formState.isDirty && !locked;
  // Leaving with typed figures asks first; a failed save keeps them (the form is only reset by a success).
  useUnsavedChanges(dirty);
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
    // The form's unit is the reader's choice too: the other pages and forms follow it.
    rememberMoneyUnit(moneyUnit);
  }, [moneyUnit, form]);
  // After a conflict the page reloads the current version; what the officer typed stays in the form and
  // the next save is based on the version whose changes were just shown.
  useEffect(() => {
    if (conflicted && defaults.version !== undefined) form.setValue("version", defaults.version);
  }, [conflicted, defaults.version, form]);

  const save = (submit: boolean) =>
    form.handleSubmit(async (values) => {
      setFailure(null);
      setSaved(null);
      const result = await saveReportAction({ ...values, submit });
      if (result.ok) {
        setConflicted(false);
        setWarnings(result.data.warnings);
        // The saved figures become the form's clean state (no more "unsaved"), at the new version.
        form.reset({ ...values, version: result.data.version, correctionReason: "", submit: false });
        const message = `${submit ? "已保存并提交审核" : "已保存草稿"}（${formatDateTime(new Date())}）`;
        if (submit && result.data.warnings.length === 0) {
          setFlash(message);
          router.push(`/projects/${defaults.projectId}`);
        } else setSaved(message);
        router.refresh();
        return;
      }
      applyFieldErrors(form.setError, result.fieldErrors);
      const conflict = result.code === "CONFLICT" ? (result.details as ChangeSince[] | undefined) : undefined;
      if (conflict) {
        setConflicted(true);
        router.refresh();
      }
      setFailure({
        message: conflict ? `${result.message} 您填写的内容仍在表单中，核对后可再次保存。` : result.message,
        conflict,
      });
    });

  const amount = (name: (typeof AMOUNT_FIELDS)[number], label: string, required = false, hint?: string) => (
    <Field label={`${label}（${unit}）`} error={e[name]?.message} required={required} hint={hint}>
      {(p) => <input {...form.register(name)} {...p} inputMode="decimal" disabled={locked} className={inputClass} />}
    </Field>
  );
  return (
    <form method="post" className="mt-4 max-w-3xl space-y-4 rounded bg-white p-3 shadow-sm sm:p-6" noValidate data-testid="report-form" onSubmit={save(false)}>
      <div className="flex flex-wrap items-end justify-between gap-2">
        <Field label="金额单位" className="block w-40 text-sm">
          {(p) => (
            // defaultValue: the server-rendered page shows the form's unit before hydration too (else the
            // first option, 万元, shows until the form takes over).
            <select {...form.register("moneyUnit")} {...p} defaultValue={defaults.moneyUnit} disabled={locked} className={inputClass}>
              <option value="wan">万元</option>
              <option value="yi">亿元</option>
            </select>
          )}
        </Field>
        <UnsavedMark dirty={dirty} />
      </div>
      <RequiredNote />
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        {amount("completedAmount", "本期完成投资", true)}
        <Field label={`年度计划投资（${unit}）`} error={e.annualPlan?.message} hint={<span data-testid="annual-plan-note">{annualPlanNote}</span>}>
          {(p) => <input {...form.register("annualPlan")} {...p} inputMode="decimal" disabled={locked} className={inputClass} />}
        </Field>
      </div>
      <fieldset className="min-w-0 rounded border p-3">
        <legend className="px-1 text-sm text-slate-600">本期资金到位（按来源，未知留空）</legend>
        <div className="grid grid-cols-1 gap-3 min-[360px]:grid-cols-2 sm:grid-cols-3">
          {amount("fundsCentral", "中央")}
          {amount("fundsProvincial", "省级")}
          {amount("fundsLocal", "市县")}
          {amount("fundsSpecialBond", "专项债")}
          {amount("fundsSelf", "自筹")}
        </div>
      </fieldset>
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-[8rem_1fr]">
        <Field label="形象进度（%）" error={e.progressPercent?.message}>
          {(p) => <input {...form.register("progressPercent")} {...p} inputMode="decimal" disabled={locked} className={inputClass} />}
        </Field>
        <Field label="形象进度说明" error={e.progressText?.message}>
          {(p) => <input {...form.register("progressText")} {...p} disabled={locked} className={inputClass} />}
        </Field>
      </div>
      <Field label="存在问题" error={e.problems?.message}>
        {(p) => <textarea {...form.register("problems")} {...p} rows={2} disabled={locked} className={inputClass} />}
      </Field>
      <Field label="下步计划" error={e.nextSteps?.message}>
        {(p) => <textarea {...form.register("nextSteps")} {...p} rows={2} disabled={locked} className={inputClass} />}
      </Field>
      {outsideBuildPeriod && (
        <Field label="本期不在项目建设期内，请说明原因" error={e.outOfPeriodReason?.message} required>
          {(p) => <input {...form.register("outOfPeriodReason")} {...p} disabled={locked} className={inputClass} />}
        </Field>
      )}
      {needsCorrectionReason && (
        <Field label="本期已审核通过并锁定；更正将生成新的修订版本，审核通过前仍按原数据统计。更正原因" error={e.correctionReason?.message} required>
          {(p) => <input {...form.register("correctionReason")} {...p} className={inputClass} />}
        </Field>
      )}
      <FormResult failure={failure} success={saved ? `✓ ${saved}` : null} successTestId="form-saved" />
      {warnings.map((w) => (
        <p key={w} className="rounded bg-amber-50 px-3 py-2 text-sm text-amber-900">
          ⚠ 已保存。{w}
        </p>
      ))}
      {!locked && (
        <div className="flex flex-wrap gap-3">
          <button type="submit" disabled={form.formState.isSubmitting} className="rounded px-4 py-1.5 ring-1 ring-slate-400 disabled:opacity-60">
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
