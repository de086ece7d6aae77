import "server-only";
import { assertPlanWritable } from "@/lib/server/plans/plan-writable";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { periodLabel, periodYear } from "@/lib/periods";

// The reporting line an annual plan amount belongs to, locked for the transaction (one writer per
// project, as for reports). Sub-projects and programmes carry no money.
export async function lockReportingLine(tx: Prisma.TransactionClient, projectId: number, year?: number) {
  await tx.$queryRaw`SELECT id FROM "Project" WHERE id = ${projectId} FOR UPDATE`;
  const project = await tx.project.findFirst({
    where: { id: projectId, deletedAt: null },
    select: { id: true, planId: true, unitId: true, parentId: true, kind: true, admission: true, endPeriod: true },
  });
  if (!project) throw new AppError("NOT_FOUND", "找不到该项目。");
  await assertPlanWritable(tx, project.planId);
  if (project.admission !== "ADMITTED") throw new AppError("VALIDATION", "该项目尚未入库，入库审核通过后才能填报年度计划投资。");
  if (year !== undefined && project.endPeriod !== null && year >= periodYear(project.endPeriod)) {
    throw new AppError("VALIDATION", `该项目自${periodLabel(project.endPeriod)}起已不在本规划（调出或转入续建），不能填报 ${year} 年度计划投资。`, {
      year: ["该年度项目已不在本规划"],
    });
  }
  if (project.parentId !== null || project.kind !== "PROJECT")
    throw new AppError("VALIDATION", "年度计划投资填报在打包项目或独立项目上，子项目和规划任务不单独填报。");
  return project;
}
