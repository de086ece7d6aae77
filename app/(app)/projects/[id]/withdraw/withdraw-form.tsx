"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { requestWithdrawalAction } from "./actions";
import { applyFieldErrors, inputClass, Field, FormResult } from "@/components/form";
import { zhPortfolio } from "@/lib/i18n/zh-CN-portfolio";
import { periodLabel } from "@/lib/periods";
import { withdrawalRequestSchema, type WithdrawalRequestInput } from "@/lib/schemas/project-entry";
import type { ChangeSince } from "@/lib/server/audit/changes-since";

const W = zhPortfolio.withdraw;

// 调出申请: from which period, and why. Nothing changes until a reviewer approves it.
export function WithdrawForm({ defaults, periods }: { defaults: WithdrawalRequestInput; periods: string[] }) {
  const router = useRouter();
  const [failure, setFailure] = useState<{ message: string; conflict?: ChangeSince[] } | null>(null);
  const { register, handleSubmit, setError, formState } = useForm<WithdrawalRequestInput>({
    resolver: zodResolver(withdrawalRequestSchema) as never,
    defaultValues: defaults,
  });
  const e = formState.errors;
  const onSubmit = handleSubmit(async (values) => {
    setFailure(null);
    const result = await requestWithdrawalAction(values);
    if (result.ok) {
      router.push(`/projects/${defaults.projectId}`);
      router.refresh();
      return;
    }
    applyFieldErrors(setError, result.fieldErrors);
    setFailure({ message: result.message, conflict: result.code === "CONFLICT" ? (result.details as ChangeSince[] | undefined) : undefined });
  });
  return (
    <form method="post" onSubmit={onSubmit} className="max-w-2xl space-y-4 rounded bg-white p-6 shadow-sm" noValidate data-testid="withdraw-form">
      <input type="hidden" {...register("projectId")} />
      <input type="hidden" {...register("version")} />
      <Field label={W.period} error={e.effectivePeriod?.message}>
        {(p) => (
          <select {...register("effectivePeriod")} {...p} className={inputClass}>
            {periods.map((p) => (
              <option key={p} value={p}>
                {periodLabel(p)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={W.reason} required error={e.reason?.message}>
        {(p) => <textarea {...register("reason")} {...p} rows={3} className={inputClass} />}
      </Field>
      <FormResult failure={failure} />
      <button type="submit" disabled={formState.isSubmitting} className="rounded bg-red-700 px-4 py-1.5 text-white hover:bg-red-800 disabled:opacity-60">
        {formState.isSubmitting ? "提交中…" : W.submit}
      </button>
    </form>
  );
}
