import "server-only";
import type { PrismaClient, ProjectKind, ProjectStatus, ReportStatus } from "@/lib/generated/prisma/client";
import { periodYear } from "@/lib/periods";
import { makeProject } from "./factories";

// Builders for progress data (reports, annual plans, milestones) written straight to the tables, for
// tests of the rollups. The officer-side workflow creates the same rows through its operations.

export async function makeSection(db: PrismaClient, opts: { planId: number; title: string; sortOrder?: number }) {
  return db.section.create({
    data: {
      planId: opts.planId,
      key: `s-${opts.title}-${Date.now().toString(36)}`,
      kind: "CATEGORY",
      title: opts.title,
      locator: "test",
      sortOrder: opts.sortOrder ?? 1,
    },
  });
}

export async function makeProjectWith(
  db: PrismaClient,
  opts: Omit<Parameters<typeof makeProject>[1], "startYear" | "endYear"> & {
    kind?: ProjectKind;
    status?: ProjectStatus;
    startYear?: number | null;
    endYear?: number | null;
  },
) {
  const p = await makeProject(db, { ...opts, startYear: opts.startYear ?? undefined, endYear: opts.endYear ?? undefined });
  return db.project.update({
    where: { id: p.id },
    data: {
      kind: opts.kind ?? "PROJECT",
      status: opts.status ?? "PREPARATION",
      ...(opts.startYear === null && { startYear: null }),
      ...(opts.endYear === null && { endYear: null }),
    },
  });
}

type Funds = { central?: string; provincial?: string; local?: string; specialBond?: string; self?: string };

// One revision of a period's report. Defaults: revision 1, current; official exactly when approved.
export async function makeReport(
  db: PrismaClient,
  opts: {
    projectId: number;
    period: string;
    status: ReportStatus;
    completedWan?: string | null;
    funds?: Funds;
    revision?: number;
    isCurrent?: boolean;
    isOfficial?: boolean;
  },
) {
  return db.progressReport.create({
    data: {
      projectId: opts.projectId,
      period: opts.period,
      year: periodYear(opts.period),
      revision: opts.revision ?? 1,
      isCurrent: opts.isCurrent ?? true,
      isOfficial: opts.isOfficial ?? opts.status === "APPROVED",
      status: opts.status,
      completedAmount: opts.completedWan ?? null,
      fundsCentral: opts.funds?.central ?? null,
      fundsProvincial: opts.funds?.provincial ?? null,
      fundsLocal: opts.funds?.local ?? null,
      fundsSpecialBond: opts.funds?.specialBond ?? null,
      fundsSelf: opts.funds?.self ?? null,
    },
  });
}

// An official annual plan amount (as after a reviewer's approval or the plan office's 下达); with
// `proposed` also an officer's open proposal beside it.
export async function makeAnnualPlan(
  db: PrismaClient,
  opts: { projectId: number; year: number; amountWan: string | null; proposed?: { amountWan: string; status: "DRAFT" | "SUBMITTED" | "RETURNED" } },
) {
  return db.annualPlanAmount.create({
    data: {
      projectId: opts.projectId,
      year: opts.year,
      amount: opts.amountWan,
      approvedAt: opts.amountWan === null ? null : new Date(),
      ...(opts.proposed && { proposedAmount: opts.proposed.amountWan, proposalStatus: opts.proposed.status, proposedAt: new Date() }),
    },
  });
}

const NAMES: Record<string, string> = { START: "开工", COMPLETE: "竣工验收", IN_USE: "投用" };

export async function makeMilestone(
  db: PrismaClient,
  opts: { projectId: number; code: "START" | "COMPLETE" | "IN_USE"; planned?: string | null; actual?: string | null },
) {
  return db.milestone.create({
    data: {
      projectId: opts.projectId,
      code: opts.code,
      name: NAMES[opts.code],
      sortOrder: opts.code === "START" ? 6 : opts.code === "COMPLETE" ? 8 : 9,
      plannedDate: opts.planned ? new Date(`${opts.planned}T00:00:00Z`) : null,
      actualDate: opts.actual ? new Date(`${opts.actual}T00:00:00Z`) : null,
      state: opts.actual ? "DONE" : "PENDING",
    },
  });
}
