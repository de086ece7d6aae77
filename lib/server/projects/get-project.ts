import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";

export async function getProject(id: number) {
  const project = await db.project.findFirst({
    where: { id, deletedAt: null },
    include: {
      plan: { select: { id: true, title: true, sourceFile: true, reportingCycle: true, hasProjectList: true } },
      unit: { select: { id: true, name: true, region: { select: { name: true } } } },
      section: true,
      parent: { select: { id: true, name: true, totalInvestment: true } },
      children: { where: { deletedAt: null }, orderBy: { sortOrder: "asc" }, select: { id: true, name: true } },
      warnings: { orderBy: { id: "asc" } },
    },
  });
  if (!project) throw new AppError("NOT_FOUND", "找不到该项目。");
  return project;
}
