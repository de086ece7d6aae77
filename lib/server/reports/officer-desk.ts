import "server-only";
import { z } from "zod";
import { chinaToday, chinaYear, dateColumn } from "@/lib/dates";
import { db } from "@/lib/db";
import { periodChoices, periodIn, type Cycle } from "@/lib/periods";
import { operation } from "@/lib/server/operation";

// 我的项目: the officer's reportable projects (top-level: where the investment total sits) with one
// period's report state (the current period unless another is picked), returned reports and the
// milestones of their units overdue today.
// Input: the picked period, if any (one that is not a period of the picker means the current one).
export const officerDesk = operation({
  permission: "plan.read",
  input: z.object({ period: z.string().max(20).optional().catch(undefined) }),
  async run(actor, { period: requested }) {
    const now = new Date();
    const unitFilter = { unitId: { in: actor.unitIds }, deletedAt: null };
    const [projects, overdue] = await Promise.all([
      db.project.findMany({
        where: { ...unitFilter, kind: "PROJECT", parentId: null },
        orderBy: [{ planId: "asc" }, { sortOrder: "asc" }],
        include: {
          plan: { select: { id: true, title: true, periodStart: true, reportingCycle: true } },
          unit: { select: { name: true } },
          reports: {
            where: { isCurrent: true },
            orderBy: { period: "desc" },
            select: { id: true, period: true, status: true, reviewComment: true, version: true },
          },
        },
      }),
      db.milestone.findMany({
        where: { deletedAt: null, actualDate: null, plannedDate: { lt: dateColumn(chinaToday(now)) }, project: unitFilter },
        orderBy: { plannedDate: "asc" },
        include: { project: { select: { id: true, name: true, unit: { select: { name: true } } } } },
      }),
    ]);
    // One picker for all the officer's plans: monthly if any plan reports monthly; a quarterly plan
    // then shows the quarter holding the picked month.
    const plans = projects.map((p) => p.plan);
    const cycle: Cycle = plans.length > 0 && plans.every((p) => p.reportingCycle === "QUARTERLY") ? "QUARTERLY" : "MONTHLY";
    const periodStart = plans.length > 0 ? Math.min(...plans.map((p) => p.periodStart)) : chinaYear(now);
    const { periods, period } = periodChoices({ periodStart, reportingCycle: cycle }, { requested, now });
    const rows = projects.map((p) => {
      const own = periodIn(period, p.plan.reportingCycle);
      const current = p.reports.find((r) => r.period === own) ?? null;
      return { ...p, period: own, current, returned: p.reports.filter((r) => r.status === "RETURNED") };
    });
    return { period, periods, rows, overdue, returned: rows.flatMap((r) => r.returned.map((x) => ({ ...x, project: { id: r.id, name: r.name } }))) };
  },
});
