"use client";
import { useState } from "react";
import { useWatch } from "react-hook-form";
import { FieldError, inputClass } from "@/components/form";
import { zhPlans } from "@/lib/i18n/zh-CN-plans";
import { zh } from "@/lib/i18n/zh-CN";
import { zhReminders } from "@/lib/i18n/zh-CN-reminders";
import { planSettingsSchema, type PlanSettingsInput } from "@/lib/schemas/plan-settings";
import { DocumentInput } from "../document-input";
import { Outcome, useActionForm } from "./settings/outcome";
import { updatePlanSettingsAction } from "./actions";

// The plan's settings (lib/server/plans/update-plan-settings.ts): title, period, reporting cycle (only
// before the first report), the money unit its screens show first, its document, the reporting
// deadline (填报截止日) and the 催报 webhook.
const F = zhPlans.form;
type Plan = {
  id: number;
  version: number;
  title: string;
  periodStart: number;
  periodEnd: number;
  reportingCycle: "MONTHLY" | "QUARTERLY";
  moneyUnit: string;
  sourceFile: string | null;
  reportDueDay: number | null;
  reminderWebhookUrl: string | null;
};
const D = zhReminders.deadline;
const W = zhReminders.webhook;
type Errors = Record<string, { message?: string; fileName?: { message?: string }; content?: { message?: string } } | undefined>;

export function PlanSettingsForm({ plan, cycleLocked, hasDocument }: { plan: Plan; cycleLocked: boolean; hasDocument: boolean }) {
  const [saved, setSaved] = useState(false);
  const defaults: PlanSettingsInput = {
    id: plan.id,
    version: plan.version,
    title: plan.title,
    periodStart: plan.periodStart,
    periodEnd: plan.periodEnd,
    reportingCycle: plan.reportingCycle,
    moneyUnit: plan.moneyUnit === "wan" ? "wan" : "yi",
    document: undefined,
    reportDueDay: plan.reportDueDay ?? "",
    reminderWebhookUrl: plan.reminderWebhookUrl ?? "",
    reason: "",
  };
  const { form, failure, onSubmit } = useActionForm<PlanSettingsInput, { version: number }>(
    planSettingsSchema,
    defaults,
    updatePlanSettingsAction,
    (data, f) => {
      f.setValue("version", data.version);
      f.setValue("document", undefined);
      f.setValue("reason", "");
      setSaved(true);
    },
  );
  const e = form.formState.errors as Errors;
  const documentError = e.document?.message ?? e.document?.fileName?.message ?? e.document?.content?.message;
  const removing = useWatch({ control: form.control, name: "document" }) === null;
  return (
    <form
      onSubmit={(ev) => {
        setSaved(false);
        void onSubmit(ev);
      }}
      className="grid gap-4 rounded bg-white p-4 shadow-sm md:grid-cols-2"
      noValidate
      data-testid="plan-settings-form"
    >
      <label className="block text-sm md:col-span-2">
        {F.title}
        <input {...form.register("title")} className={inputClass} />
        <FieldError message={e.title?.message} />
      </label>
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
        {/* a disabled field is not sent: the cycle stays as it is */}
        <select {...form.register("reportingCycle", { disabled: cycleLocked })} className={inputClass}>
          {Object.entries(zhPlans.cycle).map(([k, v]) => (
            <option key={k} value={k}>
              {v}
            </option>
          ))}
        </select>
        {cycleLocked && <span className="text-xs text-slate-500">{F.cycleLocked}</span>}
        <FieldError message={e.reportingCycle?.message} />
      </label>
      <label className="block text-sm">
        {F.moneyUnit}
        <select {...form.register("moneyUnit")} className={inputClass}>
          <option value="yi">{zh.money.yi}</option>
          <option value="wan">{zh.money.wan}</option>
        </select>
      </label>
      <label className="block text-sm">
        {D.label}
        <input {...form.register("reportDueDay")} inputMode="numeric" placeholder="如 5" className={inputClass} data-testid="report-due-day" />
        <span className="text-xs text-slate-500">{D.hint}</span>
        <FieldError message={e.reportDueDay?.message} />
      </label>
      <label className="block text-sm">
        {W.label}
        <input
          {...form.register("reminderWebhookUrl")}
          type="url"
          placeholder="https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…"
          className={inputClass}
          autoComplete="off"
          data-testid="reminder-webhook-url"
        />
        <span className="text-xs text-slate-500">{W.hint}</span>
        <FieldError message={e.reminderWebhookUrl?.message} />
      </label>
      <div className="block text-sm md:col-span-2">
        <label>
          {F.document}
          <DocumentInput
            onChange={(doc) => {
              form.clearErrors("document");
              form.setValue("document", doc);
            }}
            onTooLarge={() => form.setError("document", { message: F.tooLarge })}
          />
        </label>
        <span className="text-xs text-slate-500">
          {plan.sourceFile && hasDocument ? F.documentKept(plan.sourceFile) : F.documentNone} {F.documentHint}
        </span>
        {hasDocument && (
          <label className="mt-1 flex items-center gap-2 text-xs">
            <input type="checkbox" checked={removing} onChange={(ev) => form.setValue("document", ev.target.checked ? null : undefined)} />
            {F.documentRemove}
          </label>
        )}
        <FieldError message={documentError} />
      </div>
      <label className="block text-sm md:col-span-2">
        {F.reason}
        <input {...form.register("reason")} className={inputClass} />
        <FieldError message={e.reason?.message} />
      </label>
      <div className="space-y-2 md:col-span-2">
        <Outcome failure={failure} />
        {saved && <p className="rounded bg-green-50 px-3 py-2 text-sm text-green-800">{F.saved}</p>}
        <button type="submit" disabled={form.formState.isSubmitting} className="rounded bg-sky-700 px-4 py-1.5 text-white hover:bg-sky-800 disabled:opacity-60">
          {F.save}
        </button>
      </div>
    </form>
  );
}
