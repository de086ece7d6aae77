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

// 填报情况: per unit (and 未分配单位 when some lines have none), the unit's 项目数 and how many of the lines
// due to report (counting.ts reportsDue — the dashboard's 应报未报 list uses the same rule) have this
// period's report in each state.
export const reportingStatus = operation({
  permission: "plan.read",
  input: z.object({ planId: recordId(), period: periodKey() }),
  async run(_actor, { planId, period }): Promise<ReportingStatusRow[]> {
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
    const rows = await db.$queryRaw<(ReportingStatusRow & { ord: number | null })[]>(Prisma.sql`
      SELECT * FROM (
        SELECT u.id AS "unitId", u.name AS "unitName", u."sortOrder" AS ord, ${figures}
        FROM "ReportingUnit" u
        LEFT JOIN "Project" p ON p."unitId" = u.id AND ${inPortfolio(period)} AND ${isLine()}
        ${report}
        WHERE u."planId" = ${planId}
        GROUP BY u.id
        UNION ALL
        SELECT NULL, ${zhFinance.noUnit}::text, NULL, ${figures}
        FROM "Project" p
        ${report}
        WHERE p."planId" = ${planId} AND p."unitId" IS NULL AND ${inPortfolio(period)} AND ${isLine()}
        HAVING count(p.id) > 0
      ) t ORDER BY ord NULLS LAST, "unitId"`);
    return rows.map(({ ord: _o, ...r }) => r);
  },
});
