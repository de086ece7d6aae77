import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { MILESTONE_TEMPLATE } from "@/lib/milestones";

// New projects (seed, import) start with the template milestones. Bundle parents get none: their
// sub-projects are what gets built.
// One statement built in SQL (per project × template step, in that order): the ORM's createMany
// builds every row in JavaScript, which for an import's 20,000 projects (180,000 milestones) kept
// the server's event loop busy for most of a minute.
export async function addTemplateMilestones(tx: Prisma.TransactionClient, projectIds: number[]) {
  if (projectIds.length === 0) return;
  await tx.$executeRaw`
    INSERT INTO "Milestone" ("projectId", code, name, "sortOrder", "updatedAt")
    SELECT p.id, t.code, t.name, (t.n - 1)::int, now()
    FROM unnest(${projectIds}::int[]) WITH ORDINALITY AS p(id, n)
    CROSS JOIN unnest(${MILESTONE_TEMPLATE.map((m) => m.code)}::text[], ${MILESTONE_TEMPLATE.map((m) => m.name)}::text[]) WITH ORDINALITY AS t(code, name, n)
    ORDER BY p.n, t.n`;
}
