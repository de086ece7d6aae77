import "server-only";
import { db } from "@/lib/db";
import { periodOf } from "@/lib/periods";
import type { SessionUser } from "@/lib/server/auth/current-user";

// 我的项目: the officer's reportable projects (top-level: where the investment total sits) with
// this period's report state, returned reports and overdue milestones of their units.
export async function officerDesk(actor: SessionUser, today = new Date()) {
  const unitFilter = { unitId: { in: actor.unitIds }, deletedAt: null };
  const [projects, overdue] = await Promise.all([
    db.project.findMany({
      where: { ...unitFilter, kind: "PROJECT", parentId: null },
      orderBy: [{ planId: "asc" }, { sortOrder: "asc" }],
      include: {
        plan: { select: { id: true, title: true, reportingCycle: true } },
        unit: { select: { name: true } },
        reports: { where: { isCurrent: true }, orderBy: { period: "desc" }, select: { id: true, period: true, status: true, reviewComment: true, version: true } },
      },
    }),
    db.milestone.findMany({
      where: { deletedAt: null, actualDate: null, plannedDate: { lt: today }, project: unitFilter },
      orderBy: { plannedDate: "asc" },
      include: { project: { select: { id: true, name: true, unit: { select: { name: true } } } } },
    }),
  ]);
  const rows = projects.map((p) => {
    const period = periodOf(today, p.plan.reportingCycle);
    const current = p.reports.find((r) => r.period === period) ?? null;
    return { ...p, period, current, returned: p.reports.filter((r) => r.status === "RETURNED") };
  });
  return { rows, overdue, returned: rows.flatMap((r) => r.returned.map((x) => ({ ...x, project: { id: r.id, name: r.name } }))) };
}
