import "server-only";
import { chinaToday, dateColumn } from "@/lib/dates";
import { daysPastDue, periodDueDate } from "@/lib/deadline";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { zhPlans } from "@/lib/i18n/zh-CN-plans";
import { zhReminders } from "@/lib/i18n/zh-CN-reminders";
import { currentPeriod, isPeriod, periodLabel } from "@/lib/periods";
import { sendRemindersSchema } from "@/lib/schemas/reminders";
import { recordAuditMany, type AuditInput } from "@/lib/server/audit/record-audit";
import { operation } from "@/lib/server/operation";
import { assertPlanWritable } from "@/lib/server/plans/plan-writable";
import { outstandingOf, readReportingStatus } from "@/lib/server/reports/reporting-status";
import { postReminderWebhook, redactUrl, type WebhookOutcome, type WebhookPayload } from "./webhook";

const E = zhReminders.errors;

export type SentUnit = { unitId: number; name: string; outstanding: number; officers: string[] };
export type SendRemindersResult = {
  sent: SentUnit[]; // reminded now (one notice per officer, one audit row per unit)
  people: number; // notices created
  already: string[]; // units reminded of this period earlier today: not again
  nothingOutstanding: string[]; // units asked for by id that have nothing outstanding
  webhook: WebhookOutcome | null; // null: no webhook configured, or nothing sent
};

// 催报: the reviewers (report.review) remind the officers of the units whose lines have nothing
// submitted for a period (未填报, 草稿 or 已退回) — all such units, or the ones given. Per unit and
// period at most once per China calendar day: the Reminder row's unique key (unit, period, day) is
// claimed with INSERT … ON CONFLICT DO NOTHING, so a second click, or 20 at once, sends nothing more.
// Each claimed unit gets one notice per active officer and one audit row, in one transaction. The
// plan's webhook, if any, is posted after the commit; its failure is audited and reported to the
// sender and never takes back the in-app notices.
export const sendReminders = operation({
  permission: "report.review",
  input: sendRemindersSchema,
  async run(actor, v): Promise<SendRemindersResult> {
    const plan = await db.plan.findUnique({
      where: { id: v.planId },
      select: { id: true, title: true, reportingCycle: true, reportDueDay: true, reminderWebhookUrl: true, archivedAt: true },
    });
    if (!plan) throw new AppError("NOT_FOUND", E.planNotFound);
    if (plan.archivedAt) throw new AppError("FORBIDDEN", E.archived);
    const fail = (message: string, field = "period"): never => {
      throw new AppError("VALIDATION", message, { [field]: [message] });
    };
    if (!isPeriod(v.period, plan.reportingCycle)) fail(E.wrongCycle(zhPlans.cycle[plan.reportingCycle]));
    const now = new Date();
    if (v.period > currentPeriod(plan.reportingCycle, now)) fail(E.future);

    const { rows } = await readReportingStatus(plan.id, v.period);
    const units = rows.filter((r): r is typeof r & { unitId: number } => r.unitId !== null);
    const asked = v.unitIds ? new Set(v.unitIds) : null;
    if (asked && [...asked].some((id) => !units.some((u) => u.unitId === id))) fail(E.unitNotInPlan, "unitIds");
    const chosen = units.filter((u) => !asked || asked.has(u.unitId));
    const targets = chosen.filter((u) => outstandingOf(u) > 0);
    const nothingOutstanding = asked ? chosen.filter((u) => outstandingOf(u) === 0).map((u) => u.unitName) : [];

    const dueDate = periodDueDate(v.period, plan.reportDueDay);
    const overdueDays = daysPastDue(dueDate, now);
    const label = periodLabel(v.period);
    const messageOf = (unitName: string, outstanding: number) =>
      zhReminders.message({ planTitle: plan.title, periodLabel: label, unitName, outstanding, dueDate, overdueDays });

    const sent = await db.$transaction(async (tx) => {
      await assertPlanWritable(tx, plan.id);
      if (targets.length === 0) return [];
      // Claim (unit, period, today): rows another request claimed first, today, are skipped.
      const claimed = await tx.reminder.createManyAndReturn({
        data: targets.map((u) => ({
          planId: plan.id,
          unitId: u.unitId,
          period: v.period,
          day: dateColumn(chinaToday(now)),
          dueDate: dueDate === null ? null : dateColumn(dueDate),
          outstanding: outstandingOf(u),
          senderId: actor.id,
          message: messageOf(u.unitName, outstandingOf(u)),
        })),
        skipDuplicates: true,
        select: { id: true, unitId: true, outstanding: true, message: true },
      });
      if (claimed.length === 0) return [];
      const officers = await tx.userUnit.findMany({
        where: { unitId: { in: claimed.map((c) => c.unitId) }, user: { role: "COUNTY_OFFICER", disabledAt: null } },
        orderBy: { userId: "asc" },
        select: { unitId: true, user: { select: { id: true, displayName: true } } },
      });
      await tx.notice.createMany({
        data: claimed.flatMap((c) =>
          officers
            .filter((o) => o.unitId === c.unitId)
            .map((o) => ({ recipientId: o.user.id, planId: plan.id, unitId: c.unitId, period: v.period, message: c.message, reminderId: c.id })),
        ),
      });
      const name = new Map(targets.map((u) => [u.unitId, u.unitName]));
      const result = claimed.map((c) => ({
        unitId: c.unitId,
        name: name.get(c.unitId)!,
        outstanding: c.outstanding,
        officers: officers.filter((o) => o.unitId === c.unitId).map((o) => o.user.displayName),
      }));
      await recordAuditMany(
        tx,
        result.map((u, i): AuditInput => ({
          actorId: actor.id,
          action: "reminder.send",
          entityType: "Reminder",
          entityId: claimed[i].id,
          planId: plan.id,
          unitId: u.unitId,
          changes: [
            { field: "period", old: null, new: v.period },
            { field: "dueDate", old: null, new: dueDate },
            { field: "outstanding", old: null, new: String(u.outstanding) },
            { field: "recipients", old: null, new: u.officers.length ? u.officers.join("、") : "（无项目专干账号）" },
          ],
          reason: claimed[i].message,
        })),
      );
      return result;
    });

    const claimedIds = new Set(sent.map((s) => s.unitId));
    const already = targets.filter((u) => !claimedIds.has(u.unitId)).map((u) => u.unitName);
    const webhook = plan.reminderWebhookUrl && sent.length > 0 ? await notifyWebhook(actor.id, plan, v.period, dueDate, overdueDays, sent, now) : null;
    return { sent, people: sent.reduce((n, s) => n + s.officers.length, 0), already, nothingOutstanding, webhook };
  },
});

// After the commit: post the reminder to the plan's webhook and audit the outcome (a failure is also
// logged). Never throws: the notices stand whatever happens here.
async function notifyWebhook(
  actorId: number,
  plan: { id: number; title: string; reminderWebhookUrl: string | null },
  period: string,
  dueDate: string | null,
  overdueDays: number,
  sent: SentUnit[],
  now: Date,
): Promise<WebhookOutcome> {
  const url = plan.reminderWebhookUrl!;
  const payload: WebhookPayload = {
    plan: { id: plan.id, title: plan.title },
    period,
    periodLabel: periodLabel(period),
    dueDate,
    overdueDays,
    units: sent.map((s) => ({ name: s.name, missing: s.outstanding, officers: s.officers })),
    message: zhReminders.summary({
      planTitle: plan.title,
      periodLabel: periodLabel(period),
      units: sent.length,
      outstanding: sent.reduce((n, s) => n + s.outstanding, 0),
    }),
    sentAt: now.toISOString(),
  };
  const outcome = await postReminderWebhook(url, payload);
  if (!outcome.ok) console.warn(`reminder webhook of plan ${plan.id} (${redactUrl(url)}) failed: ${outcome.reason}`);
  try {
    await recordAuditMany(db, [
      {
        actorId,
        action: "reminder.webhook",
        entityType: "Plan",
        entityId: plan.id,
        planId: plan.id,
        changes: [
          { field: "reminderWebhookUrl", old: null, new: redactUrl(url) },
          { field: "period", old: null, new: period },
          { field: "webhook", old: null, new: outcome.ok ? `成功（HTTP ${outcome.status}）` : `失败：${outcome.reason}` },
        ],
      },
    ]);
  } catch (e) {
    console.error(`reminder webhook of plan ${plan.id}: the outcome could not be audited`, e);
  }
  return outcome;
}
