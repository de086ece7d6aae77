import "server-only";
import { db } from "@/lib/db";

// Submitted reports waiting for review (the reviewer's desk), oldest first.
export function reviewQueue(planId?: number) {
  return db.progressReport.findMany({
    where: { status: "SUBMITTED", isCurrent: true, ...(planId && { project: { planId } }) },
    orderBy: { submittedAt: "asc" },
    take: 500,
    include: { project: { select: { id: true, name: true, totalInvestment: true, unit: { select: { name: true } }, plan: { select: { title: true } } } } },
  });
}
