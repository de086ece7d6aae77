"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useFieldArray, useForm } from "react-hook-form";
import { saveMilestonesAction } from "./actions";
import { applyFieldErrors, FieldError } from "@/components/form";
import { milestonesSaveSchema, type MilestonesSaveInput } from "@/lib/schemas/milestones";

type Row = { id?: number; version?: number; code?: string | null; name: string; plannedDate: string; actualDate: string };
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
  const onSubmit = form.handleSubmit(async (values) => {
    setError(null);
    const result = await saveMilestonesAction(values);
    if (result.ok) {
      router.push(`/projects/${projectId}`);
      router.refresh();
      return;
    }
    applyFieldErrors(form.setError, result.fieldErrors);
    setError(result.message);
  });
  return (
    <form onSubmit={onSubmit} noValidate className="rounded bg-white p-4 shadow-sm">
      <table className="w-full text-sm" data-testid="milestone-editor">
        <thead className="text-left text-slate-600">
          <tr>
            <th className="py-1">节点名称</th>
            <th className="w-40 py-1">计划日期</th>
            <th className="w-40 py-1">实际完成日期</th>
            <th className="w-40 py-1"></th>
          </tr>
        </thead>
        <tbody>
          {fields.map((f, i) => (
            <tr key={f.id} className="align-top">
              <td className="py-1 pr-2">
                <input {...form.register(`milestones.${i}.name`)} className={cell} aria-label={`节点 ${i + 1} 名称`} />
                <FieldError message={errors?.[i]?.name?.message} />
              </td>
              <td className="py-1 pr-2">
                <input type="date" {...form.register(`milestones.${i}.plannedDate`)} className={cell} aria-label={`节点 ${i + 1} 计划日期`} />
                <FieldError message={errors?.[i]?.plannedDate?.message} />
              </td>
              <td className="py-1 pr-2">
                <input type="date" {...form.register(`milestones.${i}.actualDate`)} className={cell} aria-label={`节点 ${i + 1} 实际完成日期`} />
                <FieldError message={errors?.[i]?.actualDate?.message} />
              </td>
              <td className="space-x-1 py-1 whitespace-nowrap">
                <button type="button" onClick={() => i > 0 && move(i, i - 1)} className="rounded px-2 ring-1 ring-slate-300" aria-label="上移">
                  ↑
                </button>
                <button type="button" onClick={() => i < fields.length - 1 && move(i, i + 1)} className="rounded px-2 ring-1 ring-slate-300" aria-label="下移">
                  ↓
                </button>
                <button type="button" onClick={() => remove(i)} className="rounded px-2 text-red-700 ring-1 ring-red-200">
                  删除
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button
        type="button"
        onClick={() => append({ name: "", plannedDate: "", actualDate: "" })}
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
