import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { periodYear } from "@/lib/periods";
import { inPortfolio } from "./counting";
import { countedReports } from "./project-figures";

// 存在问题 as the projects' approved reports state them, for the 评估报告 (section 四): per project of the
// period's portfolio, the official revision (countedReports, approved only) of its latest reported
// period in the period's year up to the period; listed when that text is not blank. A problem the
// project's later report no longer states is taken as resolved. Ordered by unit (the plan's order,
// 未分配单位 last), then project.
export type ReportedProblem = {
  unitId: number | null;
  unitName: string | null;
  projectId: number;
  projectName: string;
  period: string;
  problems: string;
};

export async function reportedProblems(q: { planId: number; period: string }): Promise<ReportedProblem[]> {
  return db.$queryRaw<ReportedProblem[]>(Prisma.sql`
    WITH latest AS (
      SELECT DISTINCT ON (p.id) p.id AS "projectId", p.name AS "projectName", p."unitId", r.period, btrim(r.problems) AS problems
      FROM "Project" p JOIN "ProgressReport" r ON r."projectId" = p.id
      WHERE p."planId" = ${q.planId} AND ${inPortfolio(q.period)}
        AND r.year = ${periodYear(q.period)} AND r.period <= ${q.period} AND (${countedReports(false)})
      ORDER BY p.id, r.period DESC
    )
    SELECT l."unitId", u.name AS "unitName", l."projectId", l."projectName", l.period, l.problems
    FROM latest l LEFT JOIN "ReportingUnit" u ON u.id = l."unitId"
    WHERE COALESCE(l.problems, '') <> ''
    ORDER BY u."sortOrder" NULLS LAST, u.id NULLS LAST, l."projectId"`);
}
