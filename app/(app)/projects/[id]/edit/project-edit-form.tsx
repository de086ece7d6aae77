"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { editProjectAction } from "./actions";
import { FormFailure } from "@/components/conflict-notice";
import { applyFieldErrors, FieldError, inputClass } from "@/components/form";
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
    <form onSubmit={onSubmit} className="max-w-2xl space-y-4 rounded bg-white p-6 shadow-sm" noValidate data-testid="project-edit-form">
      <input type="hidden" {...register("id")} />
      <input type="hidden" {...register("version")} />
      <label className="block text-sm">
        {zh.project.name}
        <input {...register("name")} className={inputClass} />
        <FieldError message={e.name?.message} />
      </label>
      <label className="block text-sm">
        {zh.project.owner}
        <input {...register("owner")} className={inputClass} placeholder="原文未写明可留空" />
        <FieldError message={e.owner?.message} />
      </label>
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <label className="block text-sm">
          填报单位
          <select {...register("unitId")} className={inputClass}>
            <option value="">—（规划层面）</option>
            {units.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
          <FieldError message={e.unitId?.message} />
        </label>
        <label className="block text-sm">
          {zh.project.section}
          <select {...register("sectionId")} className={inputClass}>
            {sections.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
          <FieldError message={e.sectionId?.message} />
        </label>
      </div>
      <div className="grid grid-cols-2 gap-4">
        <label className="block text-sm">
          开工年份
          <input {...register("startYear")} inputMode="numeric" className={inputClass} />
          <FieldError message={e.startYear?.message} />
        </label>
        <label className="block text-sm">
          完工年份
          <input {...register("endYear")} inputMode="numeric" className={inputClass} />
          <FieldError message={e.endYear?.message} />
        </label>
      </div>
      <div className="grid grid-cols-[1fr_auto] gap-2">
        <label className="block text-sm">
          {zh.project.total}
          <input
            {...register("totalInvestment")}
            inputMode="decimal"
            disabled={isSubProject}
            className={inputClass}
            placeholder={isSubProject ? "计入上级打包项目" : "未知请留空"}
          />
          <FieldError message={e.totalInvestment?.message} />
        </label>
        <label className="block text-sm">
          单位
          <select {...register("moneyUnit")} className={inputClass}>
            <option value="yi">亿元</option>
            <option value="wan">万元</option>
          </select>
        </label>
      </div>
      <label className="block text-sm">
        {zh.project.status}
        <select {...register("status")} className={inputClass}>
          {Object.entries(zh.status).map(([k, v]) => (
            <option key={k} value={k}>
              {v}
            </option>
          ))}
        </select>
        <FieldError message={e.status?.message} />
      </label>
      {mode === "request" && (
        <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
          <label className="block text-sm">
            批复文号（可选）
            <input {...register("docNumber")} className={inputClass} placeholder="如 岳发改投〔2026〕12号" />
            <FieldError message={e.docNumber?.message} />
          </label>
          <label className="block text-sm">
            文件日期（可选）
            <input {...register("docDate")} type="date" className={inputClass} />
            <FieldError message={e.docDate?.message} />
          </label>
        </div>
      )}
      <label className="block text-sm">
        {mode === "direct" ? "修改原因（必填）" : "调整原因（必填）"}
        <textarea {...register("reason")} rows={2} className={inputClass} />
        <FieldError message={e.reason?.message} />
      </label>
      <FormFailure failure={failure} />
      <div className="flex gap-3">
        <button type="submit" disabled={formState.isSubmitting} className="rounded bg-sky-700 px-4 py-1.5 text-white hover:bg-sky-800 disabled:opacity-60">
          {formState.isSubmitting ? "提交中…" : mode === "direct" ? "保存" : "提交调整申请"}
        </button>
      </div>
    </form>
  );
}
