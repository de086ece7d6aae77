"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { useFieldArray, useForm } from "react-hook-form";
import { saveMilestonesAction } from "./actions";
import { setFlash } from "@/components/flash-notice";
import { applyFieldErrors, FieldError } from "@/components/form";
import { useUnsavedChanges } from "@/components/unsaved-changes";
import { milestonesSaveSchema, type MilestonesSaveInput } from "@/lib/schemas/milestones";

type Row = {
  id?: number;
  version?: number;
  code?: string | null;
  name: string;
  plannedDate: string;
  actualDate: string;
  docNumber: string; // 文号
  docDate: string; // 批复日期
};
const cell = "w-full rounded border border-slate-300 px-2 py-1 text-sm";

export function MilestoneEditor({ projectId, listVersion, initial }: { projectId: number; listVersion: number; initial: Row[] }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const form = useForm<MilestonesSaveInput>({
    resolver: zodResolver(milestonesSaveSchema) as never,
    defaultValues: { projectId, listVersion, milestones: initial, reason: "" },
  });
  const { fields, append, remove, move } = useFieldArray({ control: form.control, name: "milestones" });
  const errors = form.formState.errors.milestones;
  // Each field's error is linked to its input (aria-invalid, aria-describedby), as Field does for others.
  const idBase = useId();
  type Key = "name" | "plannedDate" | "actualDate" | "docNumber" | "docDate";
  const errorId = (i: number, f: Key) => `${idBase}-${i}-${f}-error`;
  const errorLink = (i: number, f: Key) => (errors?.[i]?.[f]?.message ? { "aria-invalid": true as const, "aria-describedby": errorId(i, f) } : {});
  useUnsavedChanges(form.formState.isDirty); // leaving with edits asks; a refused save keeps them
  const onSubmit = form.handleSubmit(async (values) => {
    setError(null);
    const result = await saveMilestonesAction(values);
    if (result.ok) {
      form.reset(values);
      setFlash("已保存节点");
      router.push(`/projects/${projectId}`);
      router.refresh();
      return;
    }
    applyFieldErrors(form.setError, result.fieldErrors);
    setError(result.message);
  });
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="rounded bg-white p-4 shadow-sm">
      {/* One card per milestone on a phone; a row of a table from md up (labels then in the header). */}
      <div className="text-sm" data-testid="milestone-editor">
        <div className="hidden grid-cols-[1fr_10rem_10rem_9rem] gap-2 pb-1 text-left text-slate-600 md:grid" aria-hidden="true">
          <span>节点名称</span>
          <span>计划日期</span>
          <span>实际完成日期</span>
          <span></span>
        </div>
        <ol className="space-y-2 md:space-y-1">
          {fields.map((f, i) => (
            <li
              key={f.id}
              className="grid grid-cols-2 gap-2 rounded border border-slate-200 p-2 md:grid-cols-[1fr_10rem_10rem_9rem] md:items-start md:border-0 md:p-0"
              data-testid="milestone-item"
            >
              <label className="col-span-2 md:col-span-1">
                <span className="text-xs text-slate-500 md:sr-only">节点名称</span>
                <input {...form.register(`milestones.${i}.name`)} {...errorLink(i, "name")} className={cell} aria-label={`节点 ${i + 1} 名称`} />
                <FieldError id={errorId(i, "name")} message={errors?.[i]?.name?.message} />
              </label>
              <label>
                <span className="text-xs text-slate-500 md:sr-only">计划日期</span>
                <input
                  type="date"
                  {...form.register(`milestones.${i}.plannedDate`)}
                  {...errorLink(i, "plannedDate")}
                  className={cell}
                  aria-label={`节点 ${i + 1} 计划日期`}
                />
                <FieldError id={errorId(i, "plannedDate")} message={errors?.[i]?.plannedDate?.message} />
              </label>
              <label>
                <span className="text-xs text-slate-500 md:sr-only">实际完成日期</span>
                <input
                  type="date"
                  {...form.register(`milestones.${i}.actualDate`)}
                  {...errorLink(i, "actualDate")}
                  className={cell}
                  aria-label={`节点 ${i + 1} 实际完成日期`}
                />
                <FieldError id={errorId(i, "actualDate")} message={errors?.[i]?.actualDate?.message} />
              </label>
              {/* The approval behind the milestone (立项 / 可研 / 初设 / 施工许可): 文号 and 批复日期. */}
              <div className="col-span-2 grid grid-cols-[1fr_9rem] gap-2 md:order-last md:col-span-4 md:grid-cols-[1fr_10rem_19.5rem]">
                <label>
                  <span className="text-xs text-slate-500">文号（批复文件）</span>
                  <input
                    {...form.register(`milestones.${i}.docNumber`)}
                    {...errorLink(i, "docNumber")}
                    className={cell}
                    placeholder="如 岳发改投资〔2024〕12号"
                    aria-label={`节点 ${i + 1} 文号`}
                  />
                  <FieldError id={errorId(i, "docNumber")} message={errors?.[i]?.docNumber?.message} />
                </label>
                <label>
                  <span className="text-xs text-slate-500">批复日期</span>
                  <input
                    type="date"
                    {...form.register(`milestones.${i}.docDate`)}
                    {...errorLink(i, "docDate")}
                    className={cell}
                    aria-label={`节点 ${i + 1} 批复日期`}
                  />
                  <FieldError id={errorId(i, "docDate")} message={errors?.[i]?.docDate?.message} />
                </label>
              </div>
              <div className="col-span-2 flex gap-1 md:col-span-1">
                <button
                  type="button"
                  onClick={() => i > 0 && move(i, i - 1)}
                  className="min-h-8 rounded px-3 ring-1 ring-slate-300"
                  aria-label={`节点 ${i + 1} 上移`}
                >
                  ↑
                </button>
                <button
                  type="button"
                  onClick={() => i < fields.length - 1 && move(i, i + 1)}
                  className="min-h-8 rounded px-3 ring-1 ring-slate-300"
                  aria-label={`节点 ${i + 1} 下移`}
                >
                  ↓
                </button>
                <button
                  type="button"
                  onClick={() => remove(i)}
                  className="min-h-8 rounded px-3 text-red-700 ring-1 ring-red-200"
                  aria-label={`删除节点 ${i + 1}`}
                >
                  删除
                </button>
              </div>
            </li>
          ))}
        </ol>
      </div>
      <button
        type="button"
        onClick={() => append({ name: "", plannedDate: "", actualDate: "", docNumber: "", docDate: "" })}
        className="mt-2 rounded px-3 py-1 text-sm ring-1 ring-slate-300"
      >
        + 添加节点
      </button>
      <label className="mt-3 block text-sm">
        修改说明（可选）
        <input {...form.register("reason")} className={cell} />
      </label>
      {error && <p className="mt-2 rounded bg-red-50 px-3 py-2 text-sm text-red-700">{error}</p>}
      <p className="mt-2 text-xs text-slate-500">“开工”“竣工验收”“投用”节点的实际完成日期会自动更新项目状态（手动设定过状态的项目除外）。</p>
      <button type="submit" disabled={form.formState.isSubmitting} className="mt-3 rounded bg-sky-700 px-4 py-1.5 text-white disabled:opacity-60">
        保存节点
      </button>
    </form>
  );
}
