"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { createUserAction, updateUserAction } from "./actions";
import { applyFieldErrors, Field, FieldError, FormResult, inputClass, RequiredMark, RequiredNote, useFieldIds } from "@/components/form";
import { useHydrated } from "@/components/use-hydrated";
import { ROLE_LABEL, ROLES } from "@/lib/permissions";
import { PASSWORD_RULE, userCreateSchema, userUpdateSchema, type UserCreateInput, type UserUpdateInput } from "@/lib/schemas/user";
import type { ChangeSince } from "@/lib/server/audit/changes-since";

type UnitGroup = { plan: string; units: { id: number; name: string }[] };
type Props = { mode: "create"; units: UnitGroup[]; defaults?: undefined } | { mode: "edit"; units: UnitGroup[]; defaults: UserUpdateInput };
type Values = UserCreateInput & UserUpdateInput;

export function UserForm(props: Props) {
  const router = useRouter();
  const [failure, setFailure] = useState<{ message: string; conflict?: ChangeSince[] } | null>(null);
  const [saved, setSaved] = useState(false);
  const hydrated = useHydrated();
  const schema = props.mode === "create" ? userCreateSchema : userUpdateSchema;
  const form = useForm<Values>({
    resolver: zodResolver(schema as never) as never,
    defaultValues: props.defaults ?? { username: "", displayName: "", role: "COUNTY_OFFICER", unitIds: [], password: "" },
  });
  const e = form.formState.errors as Record<string, { message?: string } | undefined>;
  const role = form.watch("role");
  const units = useFieldIds({ error: e.unitIds?.message, required: true });
  const onSubmit = form.handleSubmit(async (raw) => {
    setFailure(null);
    setSaved(false);
    const values = { ...raw, unitIds: (raw.unitIds ?? []).map(Number) };
    const result = props.mode === "create" ? await createUserAction(values) : await updateUserAction(values);
    if (result.ok) {
      if (props.mode === "create") router.push(`/admin/users/${(result.data as { id: number }).id}`);
      else {
        form.setValue("version", (result.data as unknown as { version: number }).version);
        setSaved(true);
        router.refresh();
      }
      return;
    }
    applyFieldErrors(form.setError, result.fieldErrors);
    setFailure({ message: result.message, conflict: result.code === "CONFLICT" ? (result.details as ChangeSince[]) : undefined });
  });
  return (
    <form method="post" onSubmit={onSubmit} className="space-y-4 rounded bg-white p-6 shadow-sm" noValidate data-testid="user-form">
      <RequiredNote />
      {props.mode === "create" && (
        <Field label="用户名" required error={e.username?.message}>
          {(p) => <input {...form.register("username")} {...p} className={inputClass} autoComplete="off" />}
        </Field>
      )}
      <Field label="姓名" required error={e.displayName?.message}>
        {(p) => <input {...form.register("displayName")} {...p} className={inputClass} />}
      </Field>
      <Field label="角色" required>
        {(p) => (
          <select {...form.register("role")} {...p} className={inputClass}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABEL[r]}
              </option>
            ))}
          </select>
        )}
      </Field>
      {role === "COUNTY_OFFICER" && (
        <fieldset className="text-sm" aria-describedby={units.control["aria-describedby"]}>
          <legend>
            负责的填报单位
            <RequiredMark required />
          </legend>
          <div className="mt-1 max-h-64 space-y-2 overflow-y-auto rounded border p-2">
            {props.units.map((g) => (
              <div key={g.plan} role="group" aria-label={g.plan}>
                <div className="text-xs text-slate-600">{g.plan}</div>
                <div className="flex flex-wrap gap-x-4 gap-y-1">
                  {g.units.map((u) => (
                    <label key={u.id} className="inline-flex items-center gap-1">
                      <input type="checkbox" value={u.id} {...form.register("unitIds")} defaultChecked={props.defaults?.unitIds?.includes(u.id)} />
                      {u.name}
                    </label>
                  ))}
                </div>
              </div>
            ))}
          </div>
          <FieldError id={units.errorId} message={e.unitIds?.message} />
        </fieldset>
      )}
      {props.mode === "create" ? (
        <Field label="初始密码（用户首次登录后须修改）" required hint={PASSWORD_RULE} error={e.password?.message}>
          {(p) => <input {...form.register("password")} {...p} type="password" autoComplete="new-password" className={inputClass} />}
        </Field>
      ) : (
        <>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" {...form.register("disabled")} />
            停用该账号（立即失去访问权限）
          </label>
          <Field label="修改说明（可选）">{(p) => <input {...form.register("reason")} {...p} className={inputClass} />}</Field>
        </>
      )}
      <FormResult failure={failure} success={saved && "已保存。"} />
      <button
        type="submit"
        disabled={!hydrated || form.formState.isSubmitting}
        className="rounded bg-sky-700 px-4 py-1.5 text-white hover:bg-sky-800 disabled:opacity-60"
      >
        {props.mode === "create" ? "创建" : "保存"}
      </button>
    </form>
  );
}
