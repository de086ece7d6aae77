import { z } from "zod";
import { zhPlans } from "@/lib/i18n/zh-CN-plans";
import { moneyUnitSchema } from "./money";
import { recordId } from "./fields";
import { planDocumentSchema, planTitleSchema, planYearSchema, reportingCycleSchema } from "./plan";
import { reminderWebhookUrlSchema, reportDueDaySchema } from "./reminders";

// The plan settings form (lib/server/plans/update-plan-settings.ts). A field left out stays as it is;
// document: a new file replaces the text, null removes it; reportDueDay / reminderWebhookUrl: blank clears.
export const planSettingsSchema = z
  .object({
    id: recordId(),
    version: recordId(),
    title: planTitleSchema.optional(),
    periodStart: planYearSchema.optional(),
    periodEnd: planYearSchema.optional(),
    reportingCycle: reportingCycleSchema.optional(),
    moneyUnit: moneyUnitSchema.optional(),
    document: planDocumentSchema.nullish(),
    // 填报截止日 and the 催报 webhook (lib/deadline.ts, lib/server/reminders): null clears them.
    reportDueDay: reportDueDaySchema.optional(),
    reminderWebhookUrl: reminderWebhookUrlSchema.optional(),
    reason: z.string().trim().max(500, "说明不能超过 500 字").default(""),
  })
  .refine((v) => v.periodStart === undefined || v.periodEnd === undefined || v.periodStart <= v.periodEnd, {
    path: ["periodEnd"],
    message: zhPlans.errors.periodOrder,
  });

export type PlanSettingsInput = z.input<typeof planSettingsSchema>;
