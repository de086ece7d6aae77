import "server-only";
import { db } from "@/lib/db";

// Reads of 调整申请: the open one of a project (project and edit pages) and the reviewer's queue.
export function openChangeRequest(projectId: number) {
  return db.projectChangeRequest.findFirst({ where: { projectId, status: "SUBMITTED" }, orderBy: { id: "desc" } });
}

export function changeRequestQueue() {
  return db.projectChangeRequest.findMany({
    where: { status: "SUBMITTED", project: { deletedAt: null } },
    orderBy: { createdAt: "asc" },
    take: 500,
    include: { project: { select: { id: true, name: true, unit: { select: { name: true } }, plan: { select: { title: true } } } } },
  });
}
