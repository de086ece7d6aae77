"use client";
import { useState } from "react";
import { useWatch } from "react-hook-form";
import { Announce, Field, FieldError, inputClass, useFieldIds } from "@/components/form";
import { zhPlans } from "@/lib/i18n/zh-CN-plans";
import { zhReminders } from "@/lib/i18n/zh-CN-reminders";
import { planSettingsSchema, type PlanSettingsInput } from "@/lib/schemas/plan-settings";
import { DocumentInput } from "../document-input";
import { CycleOptions, MoneyUnitOptions } from "../plan-options";
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
  const doc = useFieldIds({ error: documentError, hint: true });
  return (
    <form
      method="post"
      onSubmit={(ev) => {
        setSaved(false);
        void onSubmit(ev);
      }}
      className="grid gap-4 rounded bg-white p-4 shadow-sm md:grid-cols-2"
      noValidate
      data-testid="plan-settings-form"
    >
      <Field label={F.title} error={e.title?.message} className="block text-sm md:col-span-2">
        {(p) => <input {...form.register("title")} {...p} className={inputClass} />}
      </Field>
      <Field label={F.periodStart} error={e.periodStart?.message}>
        {(p) => <input {...form.register("periodStart")} {...p} type="number" min={2000} max={2100} className={inputClass} />}
      </Field>
      <Field label={F.periodEnd} error={e.periodEnd?.message}>
        {(p) => <input {...form.register("periodEnd")} {...p} type="number" min={2000} max={2100} className={inputClass} />}
      </Field>
      <Field label={F.cycle} hint={cycleLocked ? F.cycleLocked : undefined} error={e.reportingCycle?.message}>
        {/* a disabled field is not sent: the cycle stays as it is */}
        {(p) => (
          <select {...form.register("reportingCycle", { disabled: cycleLocked })} {...p} className={inputClass}>
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
      <Field label={D.label} hint={D.hint} error={e.reportDueDay?.message}>
        {(p) => <input {...form.register("reportDueDay")} {...p} inputMode="numeric" placeholder="如 5" className={inputClass} data-testid="report-due-day" />}
      </Field>
      <Field label={W.label} hint={W.hint} error={e.reminderWebhookUrl?.message}>
        {(p) => (
          <input
            {...p}
            {...form.register("reminderWebhookUrl")}
            type="url"
            placeholder="https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…"
            className={inputClass}
            autoComplete="off"
            data-testid="reminder-webhook-url"
          />
        )}
      </Field>
      <div className="block text-sm md:col-span-2">
        <label htmlFor={doc.id}>{F.document}</label>
        <DocumentInput
          control={doc.control}
          onChange={(d) => {
            form.clearErrors("document");
            form.setValue("document", d);
          }}
          onTooLarge={() => form.setError("document", { message: F.tooLarge })}
        />
        <p id={doc.hintId} className="mt-1 text-xs text-slate-600">
          {plan.sourceFile && hasDocument ? F.documentKept(plan.sourceFile) : F.documentNone} {F.documentHint}
        </p>
        {hasDocument && (
          <label className="mt-1 flex items-center gap-2 text-xs">
            <input type="checkbox" checked={removing} onChange={(ev) => form.setValue("document", ev.target.checked ? null : undefined)} />
            {F.documentRemove}
          </label>
        )}
        <FieldError id={doc.errorId} message={documentError} />
      </div>
      <Field label={F.reason} error={e.reason?.message} className="block text-sm md:col-span-2">
        {(p) => <input {...form.register("reason")} {...p} className={inputClass} />}
      </Field>
      <div className="space-y-2 md:col-span-2">
        <Outcome failure={failure} />
        <Announce>{saved && <p className="rounded bg-green-50 px-3 py-2 text-sm text-green-800">{F.saved}</p>}</Announce>
        <button type="submit" disabled={form.formState.isSubmitting} className="rounded bg-sky-700 px-4 py-1.5 text-white hover:bg-sky-800 disabled:opacity-60">
          {F.save}
        </button>
      </div>
    </form>
  );
}
