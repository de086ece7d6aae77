import "server-only";
import type { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { zhPlans } from "@/lib/i18n/zh-CN-plans";

// An archived plan is read-only: every write to the plan, its units, sections, projects, reports,
// milestones, annual plans and imports calls this first, inside its transaction. The plan row is
// read FOR SHARE, so an archive (which updates the row) waits for the writes in flight, and a write
// starting after the archive committed sees it. Operations that then update the plan row itself
// pass "update" (two share locks both upgrading would deadlock).
export async function assertPlanWritable(tx: Prisma.TransactionClient | typeof db, planId: number, lock: "share" | "update" = "share"): Promise<void> {
  const [plan] = await tx.$queryRaw<
    { archivedAt: Date | null }[]
  >`SELECT "archivedAt" FROM "Plan" WHERE id = ${planId} ${Prisma.raw(lock === "update" ? "FOR UPDATE" : "FOR SHARE")}`;
  if (!plan) throw new AppError("NOT_FOUND", zhPlans.errors.planNotFound);
  if (plan.archivedAt) throw new AppError("FORBIDDEN", zhPlans.errors.archived);
}
