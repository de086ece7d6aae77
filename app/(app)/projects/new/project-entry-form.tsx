"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { useForm } from "react-hook-form";
import { createProjectAction, resubmitProjectAction } from "./actions";
import { Announce, applyFieldErrors, Field, FieldError, FormResult, inputClass, RequiredNote } from "@/components/form";
import { zhPortfolio } from "@/lib/i18n/zh-CN-portfolio";
import { FUNDING_FIELDS, fundingMismatch, projectEntryEditSchema, projectEntrySchema, type ProjectEntryEditInput } from "@/lib/schemas/project-entry";
import type { ChangeSince } from "@/lib/server/audit/changes-since";

type Choice = { id: number; name: string };
type Line = Choice & { unitId: number | null; sectionId: number };
type Props = {
  mode: "create" | "edit";
  defaults: Partial<ProjectEntryEditInput>;
  units: Choice[];
  sections: Choice[];
  lines: Line[];
  admitsDirectly: boolean; // the plan office: admitted on entry, no 申报
};
type Failure = { message: string; conflict?: ChangeSince[] };
const T = zhPortfolio.fields;
const MONEY = ["totalInvestment", ...FUNDING_FIELDS] as const;

// One form for a new project and the edit (resubmission) of one not yet admitted. A sub-project
// (a bundle line chosen) takes the bundle's category and carries no money.
export function ProjectEntryForm({ mode, defaults, units, sections, lines, admitsDirectly }: Props) {
  const router = useRouter();
  const [failure, setFailure] = useState<Failure | null>(null);
  const { register, handleSubmit, setError, setValue, watch, formState } = useForm<ProjectEntryEditInput>({
    resolver: zodResolver(mode === "edit" ? projectEntryEditSchema : projectEntrySchema) as never,
    defaultValues: defaults,
  });
  const e = formState.errors;
  const unitId = Number(watch("unitId"));
  const parentId = watch("parentId");
  const parent = lines.find((l) => String(l.id) === String(parentId ?? ""));
  const bundles = lines.filter((l) => l.unitId === unitId && l.id !== defaults.id);
  const warning = fundingMismatch(watch());

  useEffect(() => {
    if (!parent) return;
    // A bundle of another unit cannot stay chosen once the unit changes.
    if (parent.unitId !== unitId) return setValue("parentId", "");
    setValue("sectionId", parent.sectionId);
    for (const f of MONEY) setValue(f, "");
  }, [parent, unitId, setValue]);

  const onSubmit = handleSubmit(async (values) => {
    setFailure(null);
    const result = mode === "edit" ? await resubmitProjectAction(values) : await createProjectAction(values);
    if (result.ok) {
      router.push(`/projects/${result.data.id}`);
      router.refresh();
      return;
    }
    applyFieldErrors(setError, result.fieldErrors);
    setFailure({ message: result.message, conflict: result.code === "CONFLICT" ? (result.details as ChangeSince[] | undefined) : undefined });
  });

  const text = (name: "name" | "owner" | "approvalCode", label: string, placeholder?: string) => (
    <Field label={label} required={name !== "approvalCode"} error={e[name]?.message}>
      {(p) => <input {...register(name)} {...p} className={inputClass} placeholder={placeholder} />}
    </Field>
  );
  const select = (name: "unitId" | "sectionId" | "parentId" | "nature", label: string, options: { value: string | number; label: string }[], empty: string) => (
    <Field label={label} required={name !== "parentId"} error={e[name]?.message}>
      {(p) => (
        <select {...register(name)} {...p} className={inputClass}>
          <option value="">{empty}</option>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );

  return (
    <form method="post" onSubmit={onSubmit} className="max-w-3xl space-y-4 rounded bg-white p-6 shadow-sm" noValidate data-testid="project-entry-form">
      <input type="hidden" {...register("planId")} />
      {mode === "edit" && (
        <>
          <input type="hidden" {...register("id")} />
          <input type="hidden" {...register("version")} />
        </>
      )}
      <RequiredNote />
      <Announce>
        <FieldError message={e.planId?.message} />
      </Announce>
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        {select(
          "unitId",
          T.unit,
          units.map((u) => ({ value: u.id, label: u.name })),
          "请选择",
        )}
        {parent ? (
          <label className="block text-sm">
            {T.section}
            <input type="hidden" {...register("sectionId")} />
            <span className={`${inputClass} bg-slate-50 text-slate-600`}>{sections.find((s) => s.id === parent.sectionId)?.name}（同打包项目）</span>
          </label>
        ) : (
          select(
            "sectionId",
            T.section,
            sections.map((s) => ({ value: s.id, label: s.name })),
            "请选择",
          )
        )}
      </div>
      {select(
        "parentId",
        T.parent,
        bundles.map((l) => ({ value: l.id, label: l.name })),
        T.noParent,
      )}
      {text("name", T.name)}
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-3">
        <div className="sm:col-span-2">{text("owner", T.owner)}</div>
        {select(
          "nature",
          T.nature,
          Object.entries(zhPortfolio.nature).map(([value, label]) => ({ value, label })),
          "请选择",
        )}
      </div>
      <div className="grid grid-cols-2 gap-4">
        <Field label={T.startYear} required error={e.startYear?.message}>
          {(p) => <input {...register("startYear")} {...p} inputMode="numeric" className={inputClass} />}
        </Field>
        <Field label={T.endYear} required error={e.endYear?.message}>
          {(p) => <input {...register("endYear")} {...p} inputMode="numeric" className={inputClass} />}
        </Field>
      </div>
      {parent ? (
        <p className="rounded bg-slate-50 px-3 py-2 text-sm text-slate-600">{zhPortfolio.create.subProjectNote}</p>
      ) : (
        <fieldset className="space-y-3 rounded border border-slate-200 p-3">
          <div className="grid grid-cols-[1fr_auto] gap-2">
            <Field label={T.total} required error={e.totalInvestment?.message}>
              {(p) => <input {...register("totalInvestment")} {...p} inputMode="decimal" className={inputClass} />}
            </Field>
            <Field label={T.moneyUnit}>
              {(p) => (
                <select {...register("moneyUnit")} {...p} className={inputClass}>
                  <option value="yi">亿元</option>
                  <option value="wan">万元</option>
                </select>
              )}
            </Field>
          </div>
          <p className="text-sm text-slate-600">{zhPortfolio.funding.title}（可选，单位同上）</p>
          <div className="grid grid-cols-2 gap-3 sm:grid-cols-5">
            {FUNDING_FIELDS.map((f) => (
              <Field key={f} label={zhPortfolio.funding[f]} error={e[f]?.message}>
                {(p) => <input {...register(f)} {...p} inputMode="decimal" className={inputClass} />}
              </Field>
            ))}
          </div>
          <Announce>
            {warning && (
              <p className="rounded bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="funding-warning">
                {warning}
              </p>
            )}
          </Announce>
        </fieldset>
      )}
      <Field label={T.scope} required error={e.scope?.message}>
        {(p) => <textarea {...register("scope")} {...p} rows={3} className={inputClass} />}
      </Field>
      {text("approvalCode", `${T.approvalCode}（可选）`, T.approvalCodeHint)}
      <FormResult failure={failure} />
      <button type="submit" disabled={formState.isSubmitting} className="rounded bg-sky-700 px-4 py-1.5 text-white hover:bg-sky-800 disabled:opacity-60">
        {formState.isSubmitting ? "提交中…" : admitsDirectly ? zhPortfolio.create.submit : zhPortfolio.create.submitProposal}
      </button>
    </form>
  );
}
