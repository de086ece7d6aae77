import "server-only";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { exactString } from "@/lib/money";
import { recordAudit } from "@/lib/server/audit/record-audit";

// The state machine of an annual plan amount (年度计划投资) per project and year, shared by the report
// workflow (a figure typed with a report travels with it) and the standalone operations in this
// folder. `amount` is official; `proposedAmount` + `proposalStatus` is an officer's open proposal.
type Tx = Prisma.TransactionClient;
type Ctx = { actorId: number; planId: number; unitId: number | null };

export const ANNUAL_FIELD = (year: number) => `annualPlan.${year}`;

async function audit(
  tx: Tx,
  ctx: Ctx,
  action: string,
  row: { id: number; version: number; year: number },
  old: string | null,
  next: string | null,
  reason?: string | null,
) {
  await recordAudit(tx, {
    actorId: ctx.actorId,
    action,
    entityType: "AnnualPlanAmount",
    entityId: row.id,
    planId: ctx.planId,
    unitId: ctx.unitId,
    entityVersion: row.version,
    changes: [{ field: ANNUAL_FIELD(row.year), old, new: next }],
    reason,
  });
}

// Records an officer's proposal. With a report it travels with that report (status follows the
// report: DRAFT or SUBMITTED); without one it is submitted on its own. A proposal already under
// review elsewhere blocks a new one. Typing the official figure again changes nothing.
export async function writeProposal(
  tx: Tx,
  ctx: Ctx,
  p: { projectId: number; year: number; amountWan: string; reportId: number | null; submit: boolean; expectedVersion?: number },
) {
  const row = await tx.annualPlanAmount.findUnique({ where: { projectId_year: { projectId: p.projectId, year: p.year } } });
  if (row && p.expectedVersion !== undefined && row.version !== p.expectedVersion) {
    throw new AppError("CONFLICT", `${p.year} 年度计划投资在您编辑期间已被修改或审核，请刷新后重试。`);
  }
  const open = row?.proposalStatus ? exactString(row.proposedAmount) : null;
  const official = row ? exactString(row.amount) : null;
  if (row?.proposalStatus === "SUBMITTED" && (p.reportId === null || row.proposalReportId !== p.reportId)) {
    // The form shows the proposal under review; sending it back unchanged is not a new proposal.
    if (open === p.amountWan) return row;
    throw new AppError("VALIDATION", `${p.year} 年度计划投资已有待审核的申报（${formatOrigin(row.proposalReportId)}），审核前不能再次申报。`, {
      annualPlan: ["已有待审核的年度计划申报"],
    });
  }
  const status = p.submit ? "SUBMITTED" : "DRAFT";
  // Nothing new: same as the official figure with no open proposal, or same as the open proposal in the same state.
  if (!row?.proposalStatus && official === p.amountWan) return row;
  if (row?.proposalStatus === status && open === p.amountWan && row.proposalReportId === p.reportId) return row;
  const data = {
    proposedAmount: p.amountWan,
    proposalStatus: status,
    proposalReportId: p.reportId,
    proposedById: ctx.actorId,
    proposedAt: new Date(),
    reviewComment: null,
  } as const;
  const saved = row
    ? await tx.annualPlanAmount.update({ where: { id: row.id }, data: { ...data, version: { increment: 1 } } })
    : await tx.annualPlanAmount.create({ data: { projectId: p.projectId, year: p.year, ...data } });
  await audit(tx, ctx, p.submit ? "annualPlan.submit" : "annualPlan.propose", saved, open ?? official, p.amountWan);
  return saved;
}

const formatOrigin = (reportId: number | null) => (reportId === null ? "单独申报" : `随调度报告 #${reportId}`);

// A report was submitted: the draft or returned proposal it carries is submitted with it.
export async function submitWithReport(tx: Tx, ctx: Ctx, reportId: number) {
  const rows = await tx.annualPlanAmount.findMany({ where: { proposalReportId: reportId, proposalStatus: { in: ["DRAFT", "RETURNED"] } } });
  for (const row of rows) {
    const saved = await tx.annualPlanAmount.update({
      where: { id: row.id },
      data: { proposalStatus: "SUBMITTED", proposedAt: new Date(), version: { increment: 1 } },
    });
    await audit(tx, ctx, "annualPlan.submit", saved, exactString(row.amount), exactString(row.proposedAmount));
  }
}

// A reviewer's decision on one submitted proposal: approval makes it the official figure; a return
// keeps the official figure as it was. Conditional on the state the caller saw (id + version or
// report), so a concurrent decision makes this a no-op the caller reports as a conflict.
export async function decideProposal(
  tx: Tx,
  ctx: Ctx,
  row: { id: number; version: number; year: number; amount: unknown; proposedAmount: unknown },
  approve: boolean,
  comment: string | null,
) {
  const now = new Date();
  const updated = await tx.annualPlanAmount.updateMany({
    where: { id: row.id, version: row.version, proposalStatus: "SUBMITTED" },
    data: approve
      ? {
          amount: row.proposedAmount as string,
          approvedAt: now,
          approvedById: ctx.actorId,
          proposedAmount: null,
          proposalStatus: null,
          proposalReportId: null,
          reviewComment: comment,
          version: { increment: 1 },
        }
      : { proposalStatus: "RETURNED", reviewComment: comment, version: { increment: 1 } },
  });
  if (updated.count === 0) return false;
  await audit(
    tx,
    ctx,
    approve ? "annualPlan.approve" : "annualPlan.return",
    { ...row, version: row.version + 1 },
    exactString(row.amount as never),
    approve ? exactString(row.proposedAmount as never) : exactString(row.amount as never),
    comment,
  );
  return true;
}

// The proposal a report carries, if submitted with it (decided together with the report).
export function proposalOfReport(tx: Tx, reportId: number) {
  return tx.annualPlanAmount.findFirst({ where: { proposalReportId: reportId, proposalStatus: "SUBMITTED" } });
}
