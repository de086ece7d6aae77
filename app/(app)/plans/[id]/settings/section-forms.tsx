"use client";
import { Field, FieldError, inputClass, useFieldIds } from "@/components/form";
import { zhPlans } from "@/lib/i18n/zh-CN-plans";
import { zh } from "@/lib/i18n/zh-CN";
import { sectionCreateSchema, sectionUpdateSchema, type SectionCreateInput, type SectionUpdateInput } from "@/lib/schemas/section";
import { createSectionAction, updateSectionAction } from "./actions";
import { Outcome, primaryButton, smallButton, useActionForm } from "./outcome";

// The forms of the sections panel: add a 专栏 (numbered) or a category, rename one.
const S = zhPlans.section;
export type Section = { id: number; kind: string; number: string | null; title: string; version: number; projects: number };

export function SectionCreateForm({ planId }: { planId: number }) {
  const blank = { planId, kind: "CATEGORY" as const, number: "", title: "" };
  const { form, failure, onSubmit } = useActionForm<SectionCreateInput, unknown>(sectionCreateSchema, blank, createSectionAction, (_d, f) => f.reset(blank));
  const e = form.formState.errors;
  return (
    <form method="post" onSubmit={onSubmit} className="flex flex-wrap items-start gap-3 text-sm" noValidate data-testid="section-create-form">
      <Field label={S.kind} className="block">
        {(p) => (
          <select {...form.register("kind")} {...p} className={inputClass}>
            <option value="CATEGORY">{zh.sectionKind.CATEGORY}</option>
            <option value="COLUMN">{zh.sectionKind.COLUMN}</option>
          </select>
        )}
      </Field>
      <Field label={S.number} error={e.number?.message} className="w-32">
        {(p) => <input {...form.register("number")} {...p} className={inputClass} placeholder="专栏3" />}
      </Field>
      <Field label={S.title} required error={e.title?.message} className="min-w-64">
        {(p) => <input {...form.register("title")} {...p} className={inputClass} />}
      </Field>
      <button type="submit" disabled={form.formState.isSubmitting} className={`${primaryButton} mt-6`}>
        {S.add}
      </button>
      <p className="w-full text-xs text-slate-500">{S.numberHint}</p>
      <div className="w-full">
        <Outcome failure={failure} />
      </div>
    </form>
  );
}

export function SectionEditForm({ section, onClose }: { section: Section; onClose: () => void }) {
  const { form, failure, onSubmit } = useActionForm<SectionUpdateInput, unknown>(
    sectionUpdateSchema,
    { id: section.id, version: section.version, number: section.number ?? "", title: section.title, reason: "" },
    updateSectionAction,
    onClose,
  );
  const e = form.formState.errors;
  const num = useFieldIds({ error: e.number?.message });
  const title = useFieldIds({ error: e.title?.message, required: true });
  return (
    <form method="post" onSubmit={onSubmit} className="space-y-2" noValidate data-testid="section-edit-form">
      <div className="flex flex-wrap gap-2">
        <input {...form.register("number")} {...num.control} className={`${inputClass} mt-0 w-28`} aria-label={S.number} />
        <input {...form.register("title")} {...title.control} className={`${inputClass} mt-0 max-w-72`} aria-label={S.title} />
        <button type="submit" disabled={form.formState.isSubmitting} className={smallButton}>
          {zhPlans.unit.save}
        </button>
        <button type="button" onClick={onClose} className={smallButton}>
          {zhPlans.unit.cancel}
        </button>
      </div>
      <FieldError id={num.errorId} message={e.number?.message} />
      <FieldError id={title.errorId} message={e.title?.message} />
      <Outcome failure={failure} />
    </form>
  );
}
