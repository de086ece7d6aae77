import "server-only";
import type { Prisma, Project } from "@/lib/generated/prisma/client";
import type { ProjectStatusName } from "@/lib/milestones";
import { recordAudit } from "@/lib/server/audit/record-audit";

// Moves a project to the status its milestones imply, unless an officer set the status by hand.
export async function syncProjectStatus(tx: Prisma.TransactionClient, project: Project, implied: ProjectStatusName, actorId: number) {
  if (project.statusManual || project.status === implied) return project.status;
  await tx.project.update({ where: { id: project.id }, data: { status: implied, version: { increment: 1 } } });
  await recordAudit(tx, {
    actorId,
    action: "project.status",
    entityType: "Project",
    entityId: project.id,
    planId: project.planId,
    unitId: project.unitId,
    entityVersion: project.version + 1,
    changes: [{ field: "status", old: project.status, new: implied }],
    reason: "按节点完成情况自动更新",
  });
  return implied;
}
