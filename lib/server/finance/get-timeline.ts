import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { timelineQuerySchema } from "@/lib/schemas/finance";
import { operation } from "@/lib/server/operation";
import { currentPeriod } from "@/lib/periods";
import { inPortfolio, isLine, isSubProject } from "@/lib/server/rollups/counting";

export const TIMELINE_LIMIT = 300;

// Build periods and milestones of a plan's projects (a list for display, not a rollup): each line
// with its sub-projects beneath it (the milestones are on the sub-projects). Counted as counting.ts
// says: `count` is the lines (项目), `subProjectCount` the sub-projects shown with them.
export const getTimeline = operation({
  permission: "plan.read",
  input: timelineQuerySchema,
  async run(_actor, v) {
    const plan = await db.plan.findUnique({
      where: { id: v.plan },
      select: { id: true, title: true, periodStart: true, periodEnd: true, reportingCycle: true },
    });
    if (!plan) throw new AppError("NOT_FOUND", "找不到该规划。");
    const filters = [
      Prisma.sql`p."planId" = ${plan.id} AND ${inPortfolio(currentPeriod(plan.reportingCycle))} AND p.kind = 'PROJECT'`,
      ...(v.unit !== undefined ? [v.unit === "none" ? Prisma.sql`p."unitId" IS NULL` : Prisma.sql`p."unitId" = ${v.unit}`] : []),
      ...(v.section ? [Prisma.sql`p."sectionId" = ${v.section}`] : []),
      ...(v.status ? [Prisma.sql`p.status::text = ${v.status}`] : []),
      ...(v.q ? [Prisma.sql`p.name ILIKE ${`%${v.q.replace(/[\\%_]/g, "\\$&")}%`}`] : []),
    ];
    const where = Prisma.join(filters, " AND ");
    const [[counts], ordered, units, sections] = await Promise.all([
      db.$queryRaw<{ lines: number; subs: number; first: number | null; last: number | null }[]>(Prisma.sql`
        SELECT count(*) FILTER (WHERE ${isLine()})::int AS lines, count(*) FILTER (WHERE ${isSubProject()})::int AS subs,
          min(p."startYear") AS first, max(p."endYear") AS last
        FROM "Project" p WHERE ${where}`),
      // A sub-project sorts with its line (the line's unit, section and order), after it.
      db.$queryRaw<{ id: number }[]>(Prisma.sql`
        SELECT p.id FROM "Project" p
        JOIN "Project" l ON l.id = COALESCE(p."parentId", p.id)
        JOIN "Section" s ON s.id = l."sectionId"
        LEFT JOIN "ReportingUnit" u ON u.id = l."unitId"
        WHERE ${where}
        ORDER BY u."sortOrder" NULLS LAST, s."sortOrder", l."sortOrder", l.id, p."parentId" NULLS FIRST, p."sortOrder", p.id
        LIMIT ${TIMELINE_LIMIT}`),
      db.reportingUnit.findMany({ where: { planId: plan.id }, orderBy: { sortOrder: "asc" }, select: { id: true, name: true } }),
      db.section.findMany({ where: { planId: plan.id }, orderBy: { sortOrder: "asc" }, select: { id: true, number: true, title: true } }),
    ]);
    const rows = await db.project.findMany({
      where: { id: { in: ordered.map((o) => o.id) } },
      select: {
        id: true,
        name: true,
        parentId: true,
        startYear: true,
        endYear: true,
        status: true,
        unit: { select: { name: true } },
        section: { select: { number: true, title: true } },
        milestones: {
          where: { deletedAt: null },
          orderBy: { sortOrder: "asc" },
          select: { id: true, code: true, name: true, plannedDate: true, actualDate: true },
        },
      },
    });
    const byId = new Map(rows.map((r) => [r.id, r]));
    const projects = ordered.flatMap((o) => byId.get(o.id) ?? []);
    // The axis covers the plan period and every shown build period.
    const firstYear = Math.min(plan.periodStart, counts.first ?? plan.periodStart);
    const lastYear = Math.max(plan.periodEnd, counts.last ?? plan.periodEnd);
    return {
      plan,
      filters: v,
      count: counts.lines,
      subProjectCount: counts.subs,
      rowCount: counts.lines + counts.subs,
      projects,
      firstYear,
      lastYear,
      units,
      sections,
      limit: TIMELINE_LIMIT,
    };
  },
});
