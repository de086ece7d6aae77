"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { editProjectAction } from "./actions";
import { applyFieldErrors, inputClass, Field, FormResult } from "@/components/form";
import { zh } from "@/lib/i18n/zh-CN";
import { projectUpdateSchema, type ProjectUpdateInput } from "@/lib/schemas/project-update";
import type { ChangeSince } from "@/lib/server/audit/changes-since";

type Failure = { message: string; conflict?: ChangeSince[] };
type Choice = { id: number; name: string };
type Props = { defaults: ProjectUpdateInput; isSubProject: boolean; mode: "direct" | "request"; units: Choice[]; sections: Choice[] };

// One form for the plan office's direct edit and a county officer's 调整申请.
export function ProjectEditForm({ defaults, isSubProject, mode, units, sections }: Props) {
  const router = useRouter();
  const [failure, setFailure] = useState<Failure | null>(null);
  const { register, handleSubmit, setError, formState } = useForm<ProjectUpdateInput>({
    resolver: zodResolver(projectUpdateSchema) as never,
    defaultValues: defaults,
  });
  const e = formState.errors;
  const onSubmit = handleSubmit(async (values) => {
    setFailure(null);
    const result = await editProjectAction(values);
    if (result.ok) {
      router.push(`/projects/${defaults.id}${result.data.requestId ? "?requested=1" : ""}`);
      router.refresh();
      return;
    }
    applyFieldErrors(setError, result.fieldErrors);
    setFailure({ message: result.message, conflict: result.code === "CONFLICT" ? (result.details as ChangeSince[]) : undefined });
  });
  return (
    <form method="post" onSubmit={onSubmit} className="max-w-2xl space-y-4 rounded bg-white p-6 shadow-sm" noValidate data-testid="project-edit-form">
      <input type="hidden" {...register("id")} />
      <input type="hidden" {...register("version")} />
      <Field label={zh.project.name} required error={e.name?.message}>
        {(p) => <input {...register("name")} {...p} className={inputClass} />}
      </Field>
      <Field label={zh.project.owner} required error={e.owner?.message}>
        {(p) => <input {...register("owner")} {...p} className={inputClass} placeholder="原文未写明可留空" />}
      </Field>
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <Field label="填报单位" required error={e.unitId?.message}>
          {(p) => (
            <select {...register("unitId")} {...p} className={inputClass}>
              <option value="">—（规划层面）</option>
              {units.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={zh.project.section} required error={e.sectionId?.message}>
          {(p) => (
            <select {...register("sectionId")} {...p} className={inputClass}>
              {sections.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div className="grid grid-cols-2 gap-4">
        <Field label="开工年份" required error={e.startYear?.message}>
          {(p) => <input {...register("startYear")} {...p} inputMode="numeric" className={inputClass} />}
        </Field>
        <Field label="完工年份" required error={e.endYear?.message}>
          {(p) => <input {...register("endYear")} {...p} inputMode="numeric" className={inputClass} />}
        </Field>
      </div>
      <div className="grid grid-cols-[1fr_auto] gap-2">
        <Field label={zh.project.total} error={e.totalInvestment?.message}>
          {(p) => (
            <input
              {...p}
              {...register("totalInvestment")}
              inputMode="decimal"
              disabled={isSubProject}
              className={inputClass}
              placeholder={isSubProject ? "计入上级打包项目" : "未知请留空"}
            />
          )}
        </Field>
        <Field label="单位">
          {(p) => (
            <select {...register("moneyUnit")} {...p} className={inputClass}>
              <option value="yi">亿元</option>
              <option value="wan">万元</option>
            </select>
          )}
        </Field>
      </div>
      <Field label={zh.project.status} error={e.status?.message}>
        {(p) => (
          <select {...register("status")} {...p} className={inputClass}>
            {Object.entries(zh.status).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
        )}
      </Field>
      {mode === "request" && (
        <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
          <Field label="批复文号（可选）" error={e.docNumber?.message}>
            {(p) => <input {...register("docNumber")} {...p} className={inputClass} placeholder="如 岳发改投〔2026〕12号" />}
          </Field>
          <Field label="文件日期（可选）" error={e.docDate?.message}>
            {(p) => <input {...register("docDate")} {...p} type="date" className={inputClass} />}
          </Field>
        </div>
      )}
      <Field label={mode === "direct" ? "修改原因" : "调整原因"} required error={e.reason?.message}>
        {(p) => <textarea {...register("reason")} {...p} rows={2} className={inputClass} />}
      </Field>
      <FormResult failure={failure} />
      <div className="flex gap-3">
        <button type="submit" disabled={formState.isSubmitting} className="rounded bg-sky-700 px-4 py-1.5 text-white hover:bg-sky-800 disabled:opacity-60">
          {formState.isSubmitting ? "提交中…" : mode === "direct" ? "保存" : "提交调整申请"}
        </button>
      </div>
    </form>
  );
}
