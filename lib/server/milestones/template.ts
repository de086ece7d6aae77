import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { MILESTONE_TEMPLATE } from "@/lib/milestones";

// New projects (seed, import) start with the template milestones. Bundle parents get none: their
// sub-projects are what gets built.
export async function addTemplateMilestones(tx: Prisma.TransactionClient, projectIds: number[]) {
  if (projectIds.length === 0) return;
  await tx.milestone.createMany({
    data: projectIds.flatMap((projectId) => MILESTONE_TEMPLATE.map((m, sortOrder) => ({ projectId, code: m.code, name: m.name, sortOrder }))),
  });
}
