import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";

// The reporting line an annual plan amount belongs to, locked for the transaction (one writer per
// project, as for reports). Sub-projects and programmes carry no money.
export async function lockReportingLine(tx: Prisma.TransactionClient, projectId: number) {
  await tx.$queryRaw`SELECT id FROM "Project" WHERE id = ${projectId} FOR UPDATE`;
  const project = await tx.project.findFirst({ where: { id: projectId, deletedAt: null }, select: { id: true, planId: true, unitId: true, parentId: true, kind: true } });
  if (!project) throw new AppError("NOT_FOUND", "找不到该项目。");
  if (project.parentId !== null || project.kind !== "PROJECT") throw new AppError("VALIDATION", "年度计划投资填报在打包项目或独立项目上，子项目和规划任务不单独填报。");
  return project;
}
