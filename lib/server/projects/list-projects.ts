import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ProjectFilters } from "@/lib/schemas/project-filters";

export const PAGE_SIZE = 50;

export function projectWhere(f: ProjectFilters): Prisma.ProjectWhereInput {
  return {
    deletedAt: null,
    ...(f.plan && { planId: f.plan }),
    ...(f.unit && { unitId: f.unit }),
    ...(f.section && { sectionId: f.section }),
    ...(f.status && { status: f.status }),
    ...(f.kind && { kind: f.kind }),
    ...(f.from && { startYear: { gte: f.from } }),
    ...(f.to && { endYear: { lte: f.to } }),
    ...(f.q && { name: { contains: f.q, mode: "insensitive" as const } }),
  };
}

export function orderBy(f: ProjectFilters): Prisma.ProjectOrderByWithRelationInput[] {
  const dir = f.dir;
  const nulls = { sort: dir, nulls: "last" as const };
  switch (f.sort) {
    case "name":
      return [{ name: dir }, { id: "asc" }];
    case "total":
      return [{ totalInvestment: nulls }, { id: "asc" }];
    case "start":
      return [{ startYear: nulls }, { id: "asc" }];
    case "end":
      return [{ endYear: nulls }, { id: "asc" }];
    case "unit":
      return [{ unit: { sortOrder: dir } }, { sortOrder: "asc" }];
    case "status":
      return [{ status: dir }, { id: "asc" }];
    default:
      return [{ planId: dir }, { sortOrder: dir }, { id: dir }];
  }
}

export async function listProjects(f: ProjectFilters, pageSize = PAGE_SIZE) {
  const where = projectWhere(f);
  // Footer figures follow the rollup rules: sub-projects carry no money, unknown is counted not summed.
  const [total, sum, unknownCount, rows] = await db.$transaction([
    db.project.count({ where }),
    db.project.aggregate({ where, _sum: { totalInvestment: true } }),
    db.project.count({ where: { ...where, kind: "PROJECT", parentId: null, totalInvestment: null } }),
    db.project.findMany({
      where,
      orderBy: orderBy(f),
      skip: (f.page - 1) * pageSize,
      take: pageSize,
      include: {
        unit: { select: { id: true, name: true } },
        section: { select: { id: true, number: true, title: true } },
        plan: { select: { id: true, title: true } },
        parent: { select: { id: true, name: true } },
        _count: { select: { children: true, warnings: true } },
      },
    }),
  ]);
  return { total, totalWan: sum._sum.totalInvestment?.toString() ?? null, unknownCount, rows, pages: Math.max(1, Math.ceil(total / pageSize)) };
}
