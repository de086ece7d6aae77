import "server-only";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { currentPeriod, isPeriod, periodLabel, periodsOfYear, periodYear, type Cycle } from "@/lib/periods";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { assertPlanWritable } from "@/lib/server/plans/plan-writable";

// 调出/取消: a project leaves its plan's official figures from a period on (Project.endPeriod, the
// first period it no longer counts in), through a reviewed request (request-withdrawal.ts, approved in
// review-change-requests.ts). The rule for that period: never rewrite a period whose figures were
// approved. It is not before the current period (filing), and after the last period with an approved
// report of the line that reports for the project (itself, or its bundle line): checked when filed
// and again when approved.
type Tx = Prisma.TransactionClient;

export async function lastApprovedPeriod(tx: Tx, project: { id: number; parentId: number | null }): Promise<string | null> {
  const last = await tx.progressReport.findFirst({
    where: { projectId: project.parentId ?? project.id, isOfficial: true },
    orderBy: { period: "desc" },
    select: { period: true },
  });
  return last?.period ?? null;
}

// The periods a withdrawal may take effect from, earliest first: the rest of this year and next year.
export function withdrawalPeriods(cycle: Cycle, lastApproved: string | null, now: Date = new Date()): string[] {
  const current = currentPeriod(cycle, now);
  const y = periodYear(current);
  return [...periodsOfYear(y, cycle), ...periodsOfYear(y + 1, cycle)].filter((p) => p >= current && (lastApproved === null || p > lastApproved));
}

export function assertWithdrawalPeriod(period: string, cycle: Cycle, lastApproved: string | null, now: Date = new Date()) {
  const refuse = (message: string) => new AppError("VALIDATION", message, { effectivePeriod: [message] });
  if (!isPeriod(period, cycle)) throw refuse(cycle === "MONTHLY" ? "请选择月份，如 2026-05" : "请选择季度，如 2026-Q2");
  const current = currentPeriod(cycle, now);
  if (period < current) throw refuse(`调出期次不能早于本期（${periodLabel(current)}）：已过去的期次不改写`);
  if (lastApproved !== null && period <= lastApproved) throw refuse(`${periodLabel(lastApproved)}已有审核通过的报告，调出期次须在其之后`);
}

// On approval: the project and its sub-projects stop counting from `period`; their history stays.
// Applies only while the project is admitted and not already withdrawn.
export async function applyWithdrawal(tx: Tx, actorId: number, request: { id: number; projectId: number; reason: string; effectivePeriod: string | null }) {
  const period = request.effectivePeriod!;
  const project = await tx.project.findUniqueOrThrow({ where: { id: request.projectId }, select: { id: true, parentId: true, planId: true, unitId: true } });
  await assertPlanWritable(tx, project.planId);
  const lastApproved = await lastApprovedPeriod(tx, project);
  if (lastApproved !== null && period <= lastApproved) {
    throw new AppError("CONFLICT", `申请提交后，${periodLabel(lastApproved)}的报告已审核通过，调出期次须在其之后，不能通过。请退回，由申请人重新申请。`);
  }
  const withdrawn = await tx.project.updateMany({
    where: { id: project.id, deletedAt: null, admission: "ADMITTED", endPeriod: null },
    data: { endPeriod: period, version: { increment: 1 } },
  });
  if (withdrawn.count === 0) throw new AppError("CONFLICT", "该项目已调出、未入库或已删除，申请不能通过。请退回。");
  const children = await tx.project.findMany({
    where: { parentId: project.id, deletedAt: null, OR: [{ endPeriod: null }, { endPeriod: { gt: period } }] },
    select: { id: true, endPeriod: true },
  });
  if (children.length)
    await tx.project.updateMany({ where: { id: { in: children.map((c) => c.id) } }, data: { endPeriod: period, version: { increment: 1 } } });
  const versions = await tx.project.findMany({ where: { id: { in: [project.id, ...children.map((c) => c.id)] } }, select: { id: true, version: true } });
  const reason = `调出申请 #${request.id} 审核通过：${request.reason}`;
  const before = new Map<number, string | null>([[project.id, null], ...children.map((c) => [c.id, c.endPeriod] as const)]);
  for (const p of versions) {
    await recordAudit(tx, {
      actorId,
      action: "project.withdraw",
      entityType: "Project",
      entityId: p.id,
      planId: project.planId,
      unitId: project.unitId,
      entityVersion: p.version,
      changes: [{ field: "endPeriod", old: before.get(p.id) ?? null, new: period }],
      reason,
    });
  }
}
