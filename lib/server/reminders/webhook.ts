import "server-only";
import { zhReminders } from "@/lib/i18n/zh-CN-reminders";

// The optional outbound 催报 webhook of a plan (Plan.reminderWebhookUrl, 企业微信 / SMS gateways).
//
// Only the plan office sets the address (plan.manage, validated http(s) without credentials, checked
// again by a trigger); a reviewer sending reminders triggers a POST to that address and nowhere else.
// The request is bounded: one POST, JSON body built by the server, no redirects followed (a 3xx is a
// failure), WEBHOOK_TIMEOUT_MS for the whole exchange, the answer's body discarded unread. Nothing of
// the answer but its status reaches the sender, so the webhook cannot be used to read internal pages.
export const WEBHOOK_TIMEOUT_MS = 5000;

export type WebhookPayload = {
  plan: { id: number; title: string };
  period: string;
  periodLabel: string;
  dueDate: string | null;
  overdueDays: number;
  units: { name: string; missing: number; officers: string[] }[];
  message: string;
  sentAt: string;
};

export type WebhookOutcome = { ok: true; status: number } | { ok: false; status?: number; reason: string };

const E = zhReminders.errors;

export async function postReminderWebhook(url: string, payload: WebhookPayload, timeoutMs = WEBHOOK_TIMEOUT_MS): Promise<WebhookOutcome> {
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json; charset=utf-8", "user-agent": "plan-ledger-reminders/1" },
      body: JSON.stringify(payload),
      redirect: "manual",
      cache: "no-store",
      signal: AbortSignal.timeout(timeoutMs),
    });
    await res.body?.cancel().catch(() => undefined);
    if (res.status >= 300 && res.status < 400) return { ok: false, status: res.status, reason: E.webhookRedirect(res.status) };
    if (!res.ok) return { ok: false, status: res.status, reason: E.webhookStatus(res.status) };
    return { ok: true, status: res.status };
  } catch (e) {
    return { ok: false, reason: failureReason(e, timeoutMs) };
  }
}

function failureReason(e: unknown, timeoutMs: number): string {
  const err = e as { name?: string; message?: string; cause?: { code?: string; message?: string; name?: string } };
  if (err?.name === "TimeoutError" || err?.name === "AbortError" || err?.cause?.name === "TimeoutError")
    return E.webhookTimeout(Math.round(timeoutMs / 100) / 10);
  if (err?.cause?.code === "ECONNREFUSED") return E.webhookRefused;
  return E.webhookUnreachable(err?.cause?.code ?? err?.cause?.message ?? err?.message ?? String(e));
}

// The address as the audit trail shows it: scheme, host and port; path and query (which may carry a
// 企业微信 key or a token) reduced to "/…" and "?…".
export function redactUrl(url: string | null): string | null {
  if (url === null) return null;
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname.length > 1 ? "/…" : ""}${u.search ? "?…" : ""}`;
  } catch {
    return "（无效地址）";
  }
}
