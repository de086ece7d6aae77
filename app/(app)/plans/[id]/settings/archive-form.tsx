"use client";
import { inputClass, Field } from "@/components/form";
import { zhPlans } from "@/lib/i18n/zh-CN-plans";
import { planArchiveSchema } from "@/lib/schemas/plan";
import { archivePlanAction } from "./actions";
import { Outcome, useActionForm } from "./outcome";

// Archive a finished plan (read-only from then on) or reopen it; both with a reason.
const A = zhPlans.archive;
type Values = { id: number; version: number; archived: boolean; reason: string };

export function ArchiveForm({ id, version, archived }: { id: number; version: number; archived: boolean }) {
  const { form, failure, onSubmit } = useActionForm<Values, { version: number }>(
    planArchiveSchema,
    { id, version, archived: !archived, reason: "" },
    archivePlanAction,
    (data, f) => f.reset({ id, version: data.version, archived, reason: "" }),
  );
  return (
    <form
      method="post"
      onSubmit={(ev) => {
        if (!archived && !window.confirm(A.confirm)) return ev.preventDefault();
        void onSubmit(ev);
      }}
      className="flex flex-wrap items-end gap-3 rounded bg-white p-4 text-sm shadow-sm"
      noValidate
      data-testid="plan-archive-form"
    >
      <Field label={A.reason} error={form.formState.errors.reason?.message} className="min-w-64 flex-1">
        {(p) => <input {...form.register("reason")} {...p} className={inputClass} placeholder={archived ? "如：误归档" : "如：规划期满，转入十五五规划"} />}
      </Field>
      <button
        type="submit"
        disabled={form.formState.isSubmitting}
        className={`rounded px-4 py-1.5 text-white disabled:opacity-60 ${archived ? "bg-sky-700 hover:bg-sky-800" : "bg-slate-700 hover:bg-slate-800"}`}
      >
        {archived ? A.unarchive : A.archive}
      </button>
      <div className="w-full">
        <Outcome failure={failure} />
      </div>
    </form>
  );
}
