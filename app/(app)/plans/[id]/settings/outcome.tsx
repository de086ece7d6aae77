"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm, type DefaultValues, type FieldValues, type UseFormReturn } from "react-hook-form";
import type { z } from "zod";
import { ConflictNotice } from "@/components/conflict-notice";
import { Announce, applyFieldErrors } from "@/components/form";
import { zhPlans } from "@/lib/i18n/zh-CN-plans";
import type { ChangeSince } from "@/lib/server/audit/changes-since";
import type { ActionResult } from "@/lib/server/run-action";

// The refusal of a settings action, shown by its form: a stale save lists what changed meanwhile.
export type Failure = { message: string; conflict?: ChangeSince[] } | null;

export function failureOf(result: ActionResult<unknown>): Failure {
  if (result.ok) return null;
  return { message: result.message, conflict: result.code === "CONFLICT" && Array.isArray(result.details) ? (result.details as ChangeSince[]) : undefined };
}

// Inside a live region (always present), so screen readers announce the refusal when it appears.
export function Outcome({ failure }: { failure: Failure }) {
  return (
    <Announce>
      {failure?.conflict?.length ? (
        <ConflictNotice message={failure.message} changes={failure.conflict} />
      ) : failure ? (
        <p className="rounded bg-red-50 px-3 py-2 text-sm text-red-700">{failure.message}</p>
      ) : null}
    </Announce>
  );
}

// A small settings form: validated with the operation's schema, sent to its action; on success the
// page reloads its data, on failure the field errors go to the fields and the message above them.
export function useActionForm<T extends FieldValues, R>(
  schema: z.ZodType,
  defaultValues: DefaultValues<T>,
  action: (input: T) => Promise<ActionResult<R>>,
  onDone?: (data: R, form: UseFormReturn<T>) => void,
) {
  const router = useRouter();
  const [failure, setFailure] = useState<Failure>(null);
  const form = useForm<T>({ resolver: zodResolver(schema as never) as never, defaultValues });
  const onSubmit = form.handleSubmit(async (values) => {
    setFailure(null);
    const result = await action(values);
    if (result.ok) {
      onDone?.(result.data, form);
      router.refresh();
      return;
    }
    applyFieldErrors(form.setError, result.fieldErrors);
    setFailure(failureOf(result));
  });
  return { form, failure, setFailure, onSubmit };
}

// Up / down buttons of a list whose order is saved whole (the reorder operations take every item
// with the version the user saw).
type Versioned = { id: number; version: number };
export function useReorder(planId: number, action: (input: { planId: number; items: Versioned[] }) => Promise<ActionResult<unknown>>) {
  const router = useRouter();
  const [failure, setFailure] = useState<Failure>(null);
  const [busy, setBusy] = useState(false);
  const move = async (list: Versioned[], index: number, by: -1 | 1) => {
    const next = [...list];
    [next[index], next[index + by]] = [next[index + by], next[index]];
    setBusy(true);
    setFailure(null);
    const result = await action({ planId, items: next.map((i) => ({ id: i.id, version: i.version })) });
    setBusy(false);
    if (result.ok) router.refresh();
    else setFailure(failureOf(result));
  };
  return { move, failure, busy };
}

export function MoveButtons({ list, index, name, reorder }: { list: Versioned[]; index: number; name: string; reorder: ReturnType<typeof useReorder> }) {
  return (
    <>
      <button
        type="button"
        className={smallButton}
        disabled={reorder.busy || index === 0}
        onClick={() => void reorder.move(list, index, -1)}
        aria-label={`${zhPlans.unit.up} ${name}`}
      >
        {zhPlans.unit.up}
      </button>
      <button
        type="button"
        className={smallButton}
        disabled={reorder.busy || index === list.length - 1}
        onClick={() => void reorder.move(list, index, 1)}
        aria-label={`${zhPlans.unit.down} ${name}`}
      >
        {zhPlans.unit.down}
      </button>
    </>
  );
}

export const smallButton = "rounded px-2 py-0.5 text-xs ring-1 ring-slate-300 hover:bg-slate-100 disabled:opacity-40";
export const primaryButton = "rounded bg-sky-700 px-3 py-1 text-sm text-white hover:bg-sky-800 disabled:opacity-60";
