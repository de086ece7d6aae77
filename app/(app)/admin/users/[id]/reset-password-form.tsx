"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { resetPasswordAction } from "./actions";
import { applyFieldErrors, FieldError, inputClass } from "@/components/form";
import { PASSWORD_RULE, passwordResetSchema } from "@/lib/schemas/user";

export function ResetPasswordForm({ id }: { id: number }) {
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
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
    <form onSubmit={onSubmit} className="space-y-3 self-start rounded bg-white p-6 shadow-sm" noValidate>
      <h2 className="font-semibold">重置密码</h2>
      <label className="block text-sm">
        临时密码
        <input {...form.register("password")} type="password" autoComplete="new-password" className={inputClass} />
        <span className="text-xs text-slate-500">{PASSWORD_RULE}</span>
        <FieldError message={form.formState.errors.password?.message} />
      </label>
      {message && <p className={`rounded px-3 py-2 text-sm ${message.ok ? "bg-green-50 text-green-800" : "bg-red-50 text-red-700"}`}>{message.text}</p>}
      <button type="submit" className="rounded bg-slate-700 px-4 py-1.5 text-sm text-white hover:bg-slate-800">
        重置
      </button>
    </form>
  );
}
