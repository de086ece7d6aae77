"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Announce, applyFieldErrors, Field, inputClass } from "@/components/form";
import { zhFinance } from "@/lib/i18n/zh-CN-finance";
import { apiTokenIssueSchema } from "@/lib/schemas/api-token";
import { issueTokenAction, revokeTokenAction } from "./actions";

const t = zhFinance.tokens;

export function IssueTokenForm() {
  const router = useRouter();
  const [issued, setIssued] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm<{ name: string }>({ resolver: zodResolver(apiTokenIssueSchema), defaultValues: { name: "" } });
  const onSubmit = form.handleSubmit(async (values) => {
    setFailure(null);
    const result = await issueTokenAction(values);
    if (result.ok) {
      setIssued(result.data.token);
      form.reset();
      router.refresh();
      return;
    }
    applyFieldErrors(form.setError, result.fieldErrors);
    setFailure(result.message);
  });
  return (
    <div className="rounded bg-white p-4 shadow-sm">
      <form method="post" onSubmit={onSubmit} className="flex items-end gap-3" noValidate data-testid="issue-token-form">
        <Field label={t.name} required error={form.formState.errors.name?.message} className="block flex-1 text-sm">
          {(p) => <input {...form.register("name")} {...p} className={inputClass} placeholder="如：省卫健委报表系统" />}
        </Field>
        <button
          type="submit"
          disabled={form.formState.isSubmitting}
          className="rounded bg-sky-700 px-4 py-1.5 text-sm text-white hover:bg-sky-800 disabled:opacity-50"
        >
          {t.issue}
        </button>
      </form>
      <Announce>
        {failure && <p className="mt-2 text-sm text-red-700">{failure}</p>}
        {issued && (
          <div className="mt-3 rounded border border-amber-300 bg-amber-50 p-3 text-sm" data-testid="issued-token">
            <p className="text-amber-900">{t.issuedOnce}</p>
            <code className="mt-1 block rounded bg-white px-2 py-1 font-mono break-all select-all">{issued}</code>
          </div>
        )}
      </Announce>
    </div>
  );
}

export function RevokeButton({ id }: { id: number }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      disabled={busy}
      className="rounded px-2 py-0.5 text-sm text-red-700 ring-1 ring-red-200 hover:bg-red-50 disabled:opacity-50"
      onClick={async () => {
        if (!window.confirm(t.confirmRevoke)) return;
        setBusy(true);
        await revokeTokenAction({ id });
        setBusy(false);
        router.refresh();
      }}
    >
      {t.revoke}
    </button>
  );
}
