import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";

export type ReportingStatusRow = { unitId: number; unitName: string; projects: number; approved: number; submitted: number; returned: number; draft: number; missing: number };

// 填报情况: per unit, how many reportable projects have this period's report in each state. Every
// top-level project reports each period until it is completed — the dashboard's 未填报 list uses the
// same rule (lib/server/rollups/group-rollup.ts).
export function reportingStatus(planId: number, period: string): Promise<ReportingStatusRow[]> {
  return db.$queryRaw<ReportingStatusRow[]>(Prisma.sql`
    SELECT u.id AS "unitId", u.name AS "unitName",
      count(p.id)::int AS projects,
      count(r.id) FILTER (WHERE r.status = 'APPROVED')::int AS approved,
      count(r.id) FILTER (WHERE r.status = 'SUBMITTED')::int AS submitted,
      count(r.id) FILTER (WHERE r.status = 'RETURNED')::int AS returned,
      count(r.id) FILTER (WHERE r.status = 'DRAFT')::int AS draft,
      (count(p.id) - count(r.id))::int AS missing
    FROM "ReportingUnit" u
    JOIN "Project" p ON p."unitId" = u.id AND p."deletedAt" IS NULL AND p.kind = 'PROJECT' AND p."parentId" IS NULL
      AND p.status NOT IN ('COMPLETED', 'IN_USE')
    LEFT JOIN "ProgressReport" r ON r."projectId" = p.id AND r.period = ${period} AND r."isCurrent"
    WHERE u."planId" = ${planId}
    GROUP BY u.id ORDER BY u."sortOrder"`);
}
