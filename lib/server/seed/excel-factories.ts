import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { periodYear } from "@/lib/periods";

// Report and annual-plan rows written directly, for the export/import tests and the Excel
// benchmark (the progress-report workflow owns how these rows are normally made).
export async function makeApprovedReport(
  db: PrismaClient,
  opts: {
    projectId: number;
    period: string;
    completedWan: string | null;
    progressPercent?: string;
    progressText?: string;
    problems?: string;
    nextSteps?: string;
    status?: "APPROVED" | "SUBMITTED";
  },
) {
  const approved = (opts.status ?? "APPROVED") === "APPROVED";
  return db.progressReport.create({
    data: {
      projectId: opts.projectId,
      period: opts.period,
      year: periodYear(opts.period),
      status: approved ? "APPROVED" : "SUBMITTED",
      isCurrent: true,
      isOfficial: approved,
      completedAmount: opts.completedWan,
      progressPercent: opts.progressPercent ?? null,
      progressText: opts.progressText ?? null,
      problems: opts.problems ?? null,
      nextSteps: opts.nextSteps ?? null,
    },
  });
}

export { makeAnnualPlan } from "./report-factories";
