import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { zhFinance } from "@/lib/i18n/zh-CN-finance";
import { operation } from "@/lib/server/operation";
import { inPortfolio, isCompletedLine, isLine, reportsDue } from "@/lib/server/rollups/counting";
import { periodKey, recordId } from "@/lib/schemas/fields";

export type ReportingStatusRow = {
  unitId: number | null; // null: lines without a unit
  unitName: string;
  projects: number; // 项目数 (reporting lines, as on the plan page and the dashboard)
  completed: number; // of those, completed: no longer report
  due: number; // 应报 = projects − completed
  approved: number;
  submitted: number;
  returned: number;
  draft: number;
  missing: number;
};

export type ReportingStatusCounts = Omit<ReportingStatusRow, "unitId" | "unitName">;

// Lines due to report whose period has nothing submitted yet (未填报, 草稿 or 已退回): what 逾期 and 催报
// are about, and the dashboard's 本期应报未报 list (figure=notReported) for the same unit.
export const outstandingOf = (r: ReportingStatusCounts) => r.missing + r.draft + r.returned;

// 填报情况: per unit (and 未分配单位 when some lines have none), the unit's 项目数 and how many of the lines
// due to report (counting.ts reportsDue — the dashboard's 应报未报 list uses the same rule) have this
// period's report in each state.
export const reportingStatus = operation({
  permission: "plan.read",
  input: z.object({ planId: recordId(), period: periodKey() }),
  async run(_actor, { planId, period }): Promise<ReportingStatusRow[]> {
    return (await readReportingStatus(planId, period)).rows;
  },
});

// The rows and the plan's 合计, counted over the plan's lines directly (not added up from the rows), so
// the rows are seen to partition the plan. Shared by the 填报情况 overview and the reminders.
export async function readReportingStatus(planId: number, period: string): Promise<{ rows: ReportingStatusRow[]; total: ReportingStatusCounts }> {
  const figures = Prisma.sql`
      count(p.id) FILTER (WHERE ${isLine()})::int AS projects,
      count(p.id) FILTER (WHERE ${isCompletedLine()})::int AS completed,
      count(p.id) FILTER (WHERE ${reportsDue()})::int AS due,
      count(r.id) FILTER (WHERE ${reportsDue()} AND r.status = 'APPROVED')::int AS approved,
      count(r.id) FILTER (WHERE ${reportsDue()} AND r.status = 'SUBMITTED')::int AS submitted,
      count(r.id) FILTER (WHERE ${reportsDue()} AND r.status = 'RETURNED')::int AS returned,
      count(r.id) FILTER (WHERE ${reportsDue()} AND r.status = 'DRAFT')::int AS draft,
      count(p.id) FILTER (WHERE ${reportsDue()} AND r.id IS NULL)::int AS missing`;
  const report = Prisma.sql`LEFT JOIN "ProgressReport" r ON r."projectId" = p.id AND r.period = ${period} AND r."isCurrent"`;
  const all = await db.$queryRaw<(ReportingStatusRow & { ord: number | null; total: boolean })[]>(Prisma.sql`
    SELECT * FROM (
      SELECT false AS total, u.id AS "unitId", u.name AS "unitName", u."sortOrder" AS ord, ${figures}
      FROM "ReportingUnit" u
      LEFT JOIN "Project" p ON p."unitId" = u.id AND ${inPortfolio(period)} AND ${isLine()}
      ${report}
      WHERE u."planId" = ${planId}
      GROUP BY u.id
      UNION ALL
      SELECT false, NULL, ${zhFinance.noUnit}::text, NULL, ${figures}
      FROM "Project" p
      ${report}
      WHERE p."planId" = ${planId} AND p."unitId" IS NULL AND ${inPortfolio(period)} AND ${isLine()}
      HAVING count(p.id) > 0
      UNION ALL
      SELECT true, NULL, NULL, NULL, ${figures}
      FROM "Project" p
      ${report}
      WHERE p."planId" = ${planId} AND ${inPortfolio(period)} AND ${isLine()}
    ) t ORDER BY total, ord NULLS LAST, "unitId"`);
  const rows = all.filter((r) => !r.total).map(({ ord: _o, total: _t, ...r }) => r);
  const { ord: _o, total: _t, unitId: _u, unitName: _n, ...total } = all.find((r) => r.total)!;
  return { rows, total };
}
