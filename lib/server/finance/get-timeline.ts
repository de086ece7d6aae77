import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { timelineQuerySchema } from "@/lib/schemas/finance";
import { validate } from "@/lib/schemas/validate";
import { authorize } from "@/lib/server/auth/authorize";
import type { SessionUser } from "@/lib/server/auth/current-user";

export const TIMELINE_LIMIT = 300;

// Build periods and milestones of a plan's projects (a list for display, not a rollup).
export async function getTimeline(actor: SessionUser, input: unknown) {
  const v = validate(timelineQuerySchema, input);
  await authorize(actor, "plan.read");
  const plan = await db.plan.findUnique({ where: { id: v.plan }, select: { id: true, title: true, periodStart: true, periodEnd: true } });
  if (!plan) throw new AppError("NOT_FOUND", "找不到该规划。");
  const where: Prisma.ProjectWhereInput = {
    planId: plan.id,
    deletedAt: null,
    kind: "PROJECT",
    ...(v.unit !== undefined && { unitId: v.unit === "none" ? null : v.unit }),
    ...(v.section && { sectionId: v.section }),
    ...(v.status && { status: v.status }),
    ...(v.q && { name: { contains: v.q, mode: "insensitive" as const } }),
  };
  const [count, projects, range, units, sections] = await Promise.all([
    db.project.count({ where }),
    db.project.findMany({
      where,
      orderBy: [{ unit: { sortOrder: "asc" } }, { section: { sortOrder: "asc" } }, { sortOrder: "asc" }, { id: "asc" }],
      take: TIMELINE_LIMIT,
      select: {
        id: true,
        name: true,
        parentId: true,
        startYear: true,
        endYear: true,
        status: true,
        unit: { select: { name: true } },
        section: { select: { number: true, title: true } },
        milestones: { where: { deletedAt: null }, orderBy: { sortOrder: "asc" }, select: { id: true, code: true, name: true, plannedDate: true, actualDate: true } },
      },
    }),
    db.project.aggregate({ where, _min: { startYear: true }, _max: { endYear: true } }),
    db.reportingUnit.findMany({ where: { planId: plan.id }, orderBy: { sortOrder: "asc" }, select: { id: true, name: true } }),
    db.section.findMany({ where: { planId: plan.id }, orderBy: { sortOrder: "asc" }, select: { id: true, number: true, title: true } }),
  ]);
  // The axis covers the plan period and every shown build period.
  const firstYear = Math.min(plan.periodStart, range._min.startYear ?? plan.periodStart);
  const lastYear = Math.max(plan.periodEnd, range._max.endYear ?? plan.periodEnd);
  return { plan, filters: v, count, projects, firstYear, lastYear, units, sections, limit: TIMELINE_LIMIT };
}
