"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { changePasswordAction } from "./actions";
import { Announce, applyFieldErrors, Field, inputClass } from "@/components/form";
import { useHydrated } from "@/components/use-hydrated";
import { signOutAfterPasswordChangeAction } from "@/lib/auth/sign-out-actions";
import { passwordChangeSchema, type PasswordChangeInput } from "@/lib/schemas/user";

export function ChangePasswordForm() {
  const [error, setError] = useState<string | null>(null);
  const hydrated = useHydrated();
  const form = useForm<PasswordChangeInput>({ resolver: zodResolver(passwordChangeSchema), defaultValues: { current: "", password: "", confirm: "" } });
  const e = form.formState.errors;
  const onSubmit = form.handleSubmit(async (values) => {
    setError(null);
    const result = await changePasswordAction(values);
    if (result.ok) {
      // Every session of this user ended with the change: sign in again with the new password.
      await signOutAfterPasswordChangeAction();
      return;
    }
    applyFieldErrors(form.setError, result.fieldErrors);
    setError(result.message);
  });
  return (
    <form method="post" onSubmit={onSubmit} className="mt-4 space-y-3" noValidate>
      {(
        [
          ["current", "当前密码", "current-password"],
          ["password", "新密码", "new-password"],
          ["confirm", "再次输入新密码", "new-password"],
        ] as const
      ).map(([name, label, auto]) => (
        <Field key={name} label={label} required error={e[name]?.message}>
          {(p) => <input {...form.register(name)} {...p} type="password" autoComplete={auto} className={inputClass} />}
        </Field>
      ))}
      <Announce>{error && <p className="rounded bg-red-50 px-3 py-2 text-sm text-red-700">{error}</p>}</Announce>
      <button
        type="submit"
        disabled={!hydrated || form.formState.isSubmitting}
        className="w-full rounded bg-sky-700 py-2 text-white hover:bg-sky-800 disabled:opacity-60"
      >
        保存新密码
      </button>
    </form>
  );
}
