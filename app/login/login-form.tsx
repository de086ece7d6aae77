"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Announce, Field, inputClass } from "@/components/form";
import { useHydrated } from "@/components/use-hydrated";
import { openAppPath, signInWithPassword } from "@/lib/auth/client";
import { loginSchema, type LoginInput } from "@/lib/schemas/login";

export function LoginForm({ callbackUrl }: { callbackUrl: string }) {
  const [error, setError] = useState<string | null>(null);
  const hydrated = useHydrated();
  const { register, handleSubmit, formState } = useForm<LoginInput>({ resolver: zodResolver(loginSchema) });
  const onSubmit = handleSubmit(async (values) => {
    setError(null);
    const failed = await signInWithPassword(values.username, values.password);
    if (failed) {
      setError(failed);
      return;
    }
    openAppPath(callbackUrl);
  });
  return (
    <form method="post" onSubmit={onSubmit} className="space-y-4" noValidate>
      <Field label="用户名" required error={formState.errors.username?.message}>
        {(p) => <input {...register("username")} {...p} autoComplete="username" className={inputClass} />}
      </Field>
      <Field label="密码" required error={formState.errors.password?.message}>
        {(p) => <input {...register("password")} {...p} type="password" autoComplete="current-password" className={inputClass} />}
      </Field>
      <Announce>
        {error && (
          <p data-testid="login-error" className="rounded bg-red-50 px-3 py-2 text-sm text-red-700">
            {error}
          </p>
        )}
      </Announce>
      <button
        type="submit"
        disabled={!hydrated || formState.isSubmitting}
        className="w-full rounded bg-sky-700 py-2 text-white hover:bg-sky-800 disabled:opacity-60"
      >
        {formState.isSubmitting ? "登录中…" : "登录"}
      </button>
    </form>
  );
}
