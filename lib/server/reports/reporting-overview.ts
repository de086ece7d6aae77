import "server-only";
import { z } from "zod";
import { daysPastDue, deadlineRule, periodDueDate } from "@/lib/deadline";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { zhPlans } from "@/lib/i18n/zh-CN-plans";
import { zhReminders } from "@/lib/i18n/zh-CN-reminders";
import { isPeriod } from "@/lib/periods";
import { periodKey, recordId } from "@/lib/schemas/fields";
import { operation } from "@/lib/server/operation";
import { outstandingOf, readReportingStatus, type ReportingStatusCounts, type ReportingStatusRow } from "./reporting-status";

export type OverviewRow = ReportingStatusRow & { outstanding: number; overdue: boolean; lastReminderAt: Date | null };
export type OverviewTotal = ReportingStatusCounts & { outstanding: number; overdueUnits: number };

// 逾期 of one unit at `now`: the period's due date (China time) has passed and some of its lines have
// nothing submitted (未填报, 草稿 or 已退回). Pure, so the tests give it any `now`.
export function markOverdue<R extends ReportingStatusCounts>(rows: R[], dueDate: string | null, now: Date): (R & { outstanding: number; overdue: boolean })[] {
  const late = daysPastDue(dueDate, now) > 0;
  return rows.map((r) => ({ ...r, outstanding: outstandingOf(r), overdue: late && outstandingOf(r) > 0 }));
}

// 填报情况 of one plan and period: per unit with 未报送 and 逾期, the plan's 合计 row, the deadline, and
// when each unit was last sent a 催报 for this period.
export const reportingOverview = operation({
  permission: "plan.read",
  input: z.object({ planId: recordId(), period: periodKey() }),
  async run(_actor, { planId, period }) {
    const plan = await db.plan.findUnique({
      where: { id: planId },
      select: { id: true, title: true, reportingCycle: true, reportDueDay: true, archivedAt: true },
    });
    if (!plan) throw new AppError("NOT_FOUND", zhPlans.errors.planNotFound);
    if (!isPeriod(period, plan.reportingCycle)) {
      const message = zhReminders.errors.wrongCycle(zhPlans.cycle[plan.reportingCycle]);
      throw new AppError("VALIDATION", message, { period: [message] });
    }
    const now = new Date();
    const dueDate = periodDueDate(period, plan.reportDueDay);
    const [{ rows, total }, reminders] = await Promise.all([
      readReportingStatus(planId, period),
      db.reminder.groupBy({ by: ["unitId"], where: { planId, period }, _max: { createdAt: true } }),
    ]);
    const last = new Map(reminders.map((r) => [r.unitId, r._max.createdAt]));
    const marked = markOverdue(rows, dueDate, now).map((r) => ({ ...r, lastReminderAt: (r.unitId !== null && last.get(r.unitId)) || null }));
    return {
      plan,
      period,
      dueDate,
      rule: deadlineRule(plan.reportDueDay, plan.reportingCycle),
      daysPastDue: daysPastDue(dueDate, now),
      rows: marked satisfies OverviewRow[],
      total: { ...total, outstanding: outstandingOf(total), overdueUnits: marked.filter((r) => r.overdue).length } satisfies OverviewTotal,
    };
  },
});
