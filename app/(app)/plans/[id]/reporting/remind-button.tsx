"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { zhReminders } from "@/lib/i18n/zh-CN-reminders";
import type { SendRemindersResult } from "@/lib/server/reminders/send-reminders";
import { sendRemindersAction } from "./actions";

const S = zhReminders.send;

// What the sender is told: who was reminded, who had been already today, and the webhook's outcome
// (a failure never takes back the in-app notices).
export function describeReminders(r: SendRemindersResult): { ok: boolean; lines: string[] } {
  const lines: string[] = [];
  if (r.sent.length) lines.push(S.sent(r.sent.length, r.people));
  const without = r.sent.filter((u) => u.officers.length === 0).map((u) => u.name);
  if (without.length) lines.push(S.noOfficers(without.join("、")));
  if (r.already.length) lines.push(S.already(r.already.join("、")));
  if (r.nothingOutstanding.length) lines.push(S.nothingToSend);
  if (lines.length === 0) lines.push(S.none);
  if (r.webhook) lines.push(r.webhook.ok ? S.webhookOk(r.webhook.status) : S.webhookFailed(r.webhook.reason));
  return { ok: !r.webhook || r.webhook.ok, lines };
}

// One 催报 button: every unit with reports outstanding (unitIds absent) or one unit.
export function RemindButton({
  planId,
  period,
  unitIds,
  label,
  confirmText,
  primary,
  testId,
}: {
  planId: number;
  period: string;
  unitIds?: number[];
  label: string;
  confirmText?: string;
  primary?: boolean;
  testId?: string;
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; lines: string[] } | null>(null);
  const send = () => {
    if (confirmText && !window.confirm(confirmText)) return;
    start(async () => {
      const result = await sendRemindersAction({ planId, period, unitIds });
      setMessage(result.ok ? describeReminders(result.data) : { ok: false, lines: [result.message] });
      if (result.ok) router.refresh();
    });
  };
  return (
    <span className="inline-flex flex-col items-start gap-1">
      <button
        type="button"
        onClick={send}
        disabled={pending}
        data-testid={testId}
        className={
          primary
            ? "rounded bg-amber-700 px-3 py-1.5 text-sm text-white hover:bg-amber-800 disabled:opacity-50"
            : "rounded px-2 py-0.5 text-xs text-amber-800 ring-1 ring-amber-300 hover:bg-amber-50 disabled:opacity-50"
        }
      >
        {pending ? S.sending : label}
      </button>
      {message && (
        <span
          className={`text-xs whitespace-normal ${message.ok ? "text-emerald-700" : "text-red-700"}`}
          role={message.ok ? "status" : "alert"}
          data-testid="remind-result"
        >
          {message.lines.join(" ")}
        </span>
      )}
    </span>
  );
}
