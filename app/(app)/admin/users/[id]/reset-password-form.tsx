"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { resetPasswordAction } from "./actions";
import { Announce, applyFieldErrors, Field, inputClass } from "@/components/form";
import { useHydrated } from "@/components/use-hydrated";
import { PASSWORD_RULE, passwordResetSchema } from "@/lib/schemas/user";

export function ResetPasswordForm({ id }: { id: number }) {
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const hydrated = useHydrated();
  const form = useForm<z.input<typeof passwordResetSchema>>({ resolver: zodResolver(passwordResetSchema), defaultValues: { id, password: "" } });
  const onSubmit = form.handleSubmit(async (values) => {
    const result = await resetPasswordAction(values);
    if (result.ok) {
      form.reset({ id, password: "" });
      setMessage({ ok: true, text: "密码已重置；该用户下次登录时须修改密码。" });
    } else {
      applyFieldErrors(form.setError, result.fieldErrors);
      setMessage({ ok: false, text: result.message });
    }
  });
  return (
    <form method="post" onSubmit={onSubmit} className="space-y-3 self-start rounded bg-white p-6 shadow-sm" noValidate>
      <h2 className="font-semibold">重置密码</h2>
      <Field label="临时密码" required hint={PASSWORD_RULE} error={form.formState.errors.password?.message}>
        {(p) => <input {...form.register("password")} {...p} type="password" autoComplete="new-password" className={inputClass} />}
      </Field>
      <Announce>
        {message && <p className={`rounded px-3 py-2 text-sm ${message.ok ? "bg-green-50 text-green-800" : "bg-red-50 text-red-700"}`}>{message.text}</p>}
      </Announce>
      <button type="submit" disabled={!hydrated} className="rounded bg-slate-700 px-4 py-1.5 text-sm text-white hover:bg-slate-800 disabled:opacity-60">
        重置
      </button>
    </form>
  );
}
