"use client";
import { useWatch } from "react-hook-form";
import { Field, FieldError, inputClass, RequiredMark, useFieldIds } from "@/components/form";
import { zhPlans } from "@/lib/i18n/zh-CN-plans";
import { unitCreateSchema, unitRetireSchema, unitUpdateSchema, type UnitCreateInput, type UnitRetireInput, type UnitUpdateInput } from "@/lib/schemas/unit";
import { createUnitAction, retireUnitAction, updateUnitAction } from "./actions";
import { Outcome, primaryButton, smallButton, useActionForm } from "./outcome";

// The forms of the units panel: add a unit, rename one (or change its region), retire one into another.
const U = zhPlans.unit;
export type Region = { id: number; name: string };
export type Unit = { id: number; name: string; version: number; regionId: number | null; region: string | null; projects: number; officers: number };

function regionOptions(regions: Region[]) {
  return [
    <option key="" value="">
      {U.noRegion}
    </option>,
    ...regions.map((r) => (
      <option key={r.id} value={r.id}>
        {r.name}
      </option>
    )),
  ];
}

export function UnitCreateForm({ planId, regions }: { planId: number; regions: Region[] }) {
  const { form, failure, onSubmit } = useActionForm<UnitCreateInput, unknown>(
    unitCreateSchema,
    { planId, name: "", regionId: null },
    createUnitAction,
    (_d, f) => f.reset({ planId, name: "", regionId: null }),
  );
  const e = form.formState.errors;
  return (
    <form method="post" onSubmit={onSubmit} className="flex flex-wrap items-start gap-3 text-sm" noValidate data-testid="unit-create-form">
      <Field label={U.name} required error={e.name?.message} className="min-w-48">
        {(p) => <input {...form.register("name")} {...p} className={inputClass} />}
      </Field>
      <Field label={U.region} error={e.regionId?.message} className="min-w-48">
        {(p) => (
          <select {...form.register("regionId")} {...p} className={inputClass}>
            {regionOptions(regions)}
          </select>
        )}
      </Field>
      <button type="submit" disabled={form.formState.isSubmitting} className={`${primaryButton} mt-6`}>
        {U.add}
      </button>
      <div className="w-full">
        <Outcome failure={failure} />
      </div>
    </form>
  );
}

export function UnitEditForm({ unit, regions, onClose }: { unit: Unit; regions: Region[]; onClose: () => void }) {
  const { form, failure, onSubmit } = useActionForm<UnitUpdateInput, unknown>(
    unitUpdateSchema,
    { id: unit.id, version: unit.version, name: unit.name, regionId: unit.regionId, reason: "" },
    updateUnitAction,
    onClose,
  );
  const e = form.formState.errors;
  const name = useFieldIds({ error: e.name?.message, required: true });
  const region = useFieldIds({ error: e.regionId?.message });
  return (
    <form method="post" onSubmit={onSubmit} className="space-y-2" noValidate data-testid="unit-edit-form">
      <div className="flex flex-wrap gap-2">
        <input {...form.register("name")} {...name.control} className={`${inputClass} mt-0 max-w-48`} aria-label={U.name} />
        <select {...form.register("regionId")} {...region.control} className={`${inputClass} mt-0 max-w-40`} aria-label={U.region}>
          {regionOptions(regions)}
        </select>
        <button type="submit" disabled={form.formState.isSubmitting} className={smallButton}>
          {U.save}
        </button>
        <button type="button" onClick={onClose} className={smallButton}>
          {U.cancel}
        </button>
      </div>
      <FieldError id={name.errorId} message={e.name?.message} />
      <FieldError id={region.errorId} message={e.regionId?.message} />
      <Outcome failure={failure} />
    </form>
  );
}

export function UnitRetireForm({ unit, targets, onClose }: { unit: Unit; targets: Unit[]; onClose: () => void }) {
  const { form, failure, onSubmit } = useActionForm<UnitRetireInput, unknown>(
    unitRetireSchema,
    { id: unit.id, version: unit.version, targetId: "" as never, reason: "" },
    retireUnitAction,
    onClose,
  );
  const e = form.formState.errors;
  const targetId = useWatch({ control: form.control, name: "targetId" });
  const target = targets.find((t) => String(t.id) === String(targetId));
  const into = useFieldIds({ error: e.targetId?.message, required: true });
  const why = useFieldIds({ error: e.reason?.message });
  return (
    <form
      method="post"
      onSubmit={(ev) => {
        if (target && !window.confirm(U.retireConfirm(unit.name, target.name))) return ev.preventDefault();
        void onSubmit(ev);
      }}
      className="mt-2 space-y-2 rounded border border-amber-200 bg-amber-50 p-2"
      noValidate
      data-testid="unit-retire-form"
    >
      <div className="flex flex-wrap items-center gap-2">
        <span>
          <label htmlFor={into.id}>{U.retireInto}</label>
          <RequiredMark required />
        </span>
        <select {...form.register("targetId")} {...into.control} className={`${inputClass} mt-0 max-w-40`}>
          <option value="">请选择</option>
          {targets.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
        <input {...form.register("reason")} {...why.control} className={`${inputClass} mt-0 max-w-56`} placeholder="原因（可选）" aria-label="原因" />
        <button type="submit" disabled={form.formState.isSubmitting} className={smallButton}>
          {U.retire}
        </button>
        <button type="button" onClick={onClose} className={smallButton}>
          {U.cancel}
        </button>
      </div>
      <FieldError id={into.errorId} message={e.targetId?.message} />
      <FieldError id={why.errorId} message={e.reason?.message} />
      <Outcome failure={failure} />
    </form>
  );
}
