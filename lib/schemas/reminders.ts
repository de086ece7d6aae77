import { z } from "zod";
import { DUE_DAY_MAX, DUE_DAY_MIN } from "@/lib/deadline";
import { zhReminders } from "@/lib/i18n/zh-CN-reminders";
import { periodKey, recordId } from "./fields";

const blank = (v: unknown) => v === "" || v === null || (typeof v === "string" && v.trim() === "");
const R = zhReminders;

// Plan.reportDueDay from the settings form: a day of the month, or blank / null = no deadline.
export const reportDueDaySchema = z.preprocess(
  (v) => (blank(v) ? null : typeof v === "string" && !/^\d{1,2}$/.test(v.trim()) ? NaN : v),
  z.coerce.number({ message: R.deadline.invalid }).int(R.deadline.invalid).min(DUE_DAY_MIN, R.deadline.invalid).max(DUE_DAY_MAX, R.deadline.invalid).nullable(),
);

// Plan.reminderWebhookUrl: an absolute http(s) URL without credentials, at most 500 characters; blank
// / null = none. The database checks the same (migration reporting_reminders).
export const reminderWebhookUrlSchema = z.preprocess(
  (v) => (blank(v) ? null : typeof v === "string" ? v.trim() : v),
  z
    .string({ message: R.webhook.invalid })
    .max(500, R.webhook.tooLong)
    .superRefine((s, ctx) => {
      let u: URL;
      try {
        u = new URL(s);
      } catch {
        ctx.addIssue({ code: "custom", message: R.webhook.invalid });
        return;
      }
      if ((u.protocol !== "http:" && u.protocol !== "https:") || !/^https?:\/\/[^/?#@\s]+([/?#]\S*)?$/i.test(s))
        ctx.addIssue({ code: "custom", message: u.username || u.password || /^https?:\/\/[^/?#]*@/i.test(s) ? R.webhook.credentials : R.webhook.invalid });
    })
    .nullable(),
);

// 催报: one plan's period; the given units, or (none given) every unit with reports outstanding.
export const sendRemindersSchema = z.object({
  planId: recordId("请指定规划"),
  period: periodKey(),
  unitIds: z.array(recordId("单位编号无效")).min(1, "请选择单位").max(1000, "单位过多").optional(),
});
export type SendRemindersInput = z.input<typeof sendRemindersSchema>;

// The recipient marks their notices read: the given ones, or (none given) all of them.
export const markNoticesReadSchema = z.object({
  ids: z.array(recordId("通知编号无效")).max(1000, "通知过多").optional(),
});
