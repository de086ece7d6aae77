import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { zhPlans } from "@/lib/i18n/zh-CN-plans";
import { planSettingsSchema } from "@/lib/schemas/plan-settings";
import { changesSince } from "@/lib/server/audit/changes-since";
import { diffFields, recordAudit } from "@/lib/server/audit/record-audit";
import { operation } from "@/lib/server/operation";
import { redactUrl } from "@/lib/server/reminders/webhook";
import { readPlanDocument } from "./plan-document";
import { assertPlanWritable } from "./plan-writable";

// The plan settings: title, period, reporting cycle, money unit shown first, the plan document, the
// reporting deadline (填报截止日) and the 催报 webhook.
// Fields left out stay as they are. The cycle changes only before the plan's first report: periods
// of the two cycles cannot be mixed in one plan's figures. Applies to the version the admin saw.
const E = zhPlans.errors;
const FIELDS = [
  "title",
  "periodStart",
  "periodEnd",
  "reportingCycle",
  "moneyUnit",
  "sourceFile",
  "sourceDocument",
  "reportDueDay",
  "reminderWebhookUrl",
] as const;

export const updatePlanSettings = operation({
  permission: "plan.manage",
  input: planSettingsSchema,
  async run(actor, v) {
    // undefined: keep the document; null: remove it; a file: replace it (read before the transaction).
    const document = v.document ? await readPlanDocument(v.document) : v.document;
    return db.$transaction(async (tx) => {
      await assertPlanWritable(tx, v.id, "update");
      const plan = await tx.plan.findUniqueOrThrow({ where: { id: v.id } });
      const next = {
        title: v.title ?? plan.title,
        periodStart: v.periodStart ?? plan.periodStart,
        periodEnd: v.periodEnd ?? plan.periodEnd,
        reportingCycle: v.reportingCycle ?? plan.reportingCycle,
        moneyUnit: v.moneyUnit ?? plan.moneyUnit,
        sourceFile: document === undefined ? plan.sourceFile : (document?.sourceFile ?? null),
        sourceDocument: document === undefined ? plan.sourceDocument : (document?.sourceDocument ?? null),
        reportDueDay: v.reportDueDay === undefined ? plan.reportDueDay : v.reportDueDay,
        reminderWebhookUrl: v.reminderWebhookUrl === undefined ? plan.reminderWebhookUrl : v.reminderWebhookUrl,
      };
      if (next.periodStart > next.periodEnd) throw new AppError("VALIDATION", E.periodOrder, { periodEnd: [E.periodOrder] });
      // The text itself is not copied into the audit trail: its length says that it changed. Nor is a
      // webhook's query (a 企业微信 key): the address is audited without it.
      const length = (text: string | null) => (text === null ? null : `${text.length} 字`);
      const audited = (p: typeof next) => ({ ...p, sourceDocument: length(p.sourceDocument), reminderWebhookUrl: redactUrl(p.reminderWebhookUrl) });
      const changes = diffFields(audited(plan), audited(next), [...FIELDS]);
      if (plan.reminderWebhookUrl !== next.reminderWebhookUrl && !changes.some((c) => c.field === "reminderWebhookUrl"))
        changes.push({ field: "reminderWebhookUrl", old: redactUrl(plan.reminderWebhookUrl), new: `${redactUrl(next.reminderWebhookUrl)}（已更新）` });
      if (plan.sourceDocument !== next.sourceDocument && !changes.some((c) => c.field === "sourceDocument"))
        changes.push({ field: "sourceDocument", old: length(plan.sourceDocument), new: `${length(next.sourceDocument)}（已更新）` });
      if (changes.length === 0) return { id: plan.id, version: plan.version, changed: 0 };
      if (next.reportingCycle !== plan.reportingCycle && (await tx.progressReport.count({ where: { project: { planId: v.id } } }))) {
        throw new AppError("VALIDATION", E.cycleLocked, { reportingCycle: [zhPlans.form.cycleLocked] });
      }
      const updated = await tx.plan.updateMany({ where: { id: v.id, version: v.version }, data: { ...next, version: { increment: 1 } } });
      if (updated.count === 0) throw new AppError("CONFLICT", E.conflictPlan, undefined, await changesSince(tx, "Plan", v.id, v.version));
      await recordAudit(tx, {
        actorId: actor.id,
        action: "plan.update",
        entityType: "Plan",
        entityId: v.id,
        planId: v.id,
        entityVersion: v.version + 1,
        changes,
        reason: v.reason,
      });
      return { id: v.id, version: v.version + 1, changed: changes.length };
    });
  },
});
