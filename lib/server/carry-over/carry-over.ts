import "server-only";
import { assertPlanWritable } from "@/lib/server/plans/plan-writable";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { isPeriod, periodLabel, periodYear } from "@/lib/periods";
import { carryOverSchema } from "@/lib/schemas/carry-over";
import { recordAudit, recordAuditMany } from "@/lib/server/audit/record-audit";
import { operation } from "@/lib/server/operation";

// 续建: unfinished projects of a finished plan continue in the new plan, in one atomic step. The rule
// (README "Carrying projects over"): periods before the cut-over belong to the old plan, periods from
// the cut-over on to the new one.
// - Each line (with its sub-projects) gets a successor in the new plan (provenance CARRIED, 建设性质
//   续建, linked to its predecessor); the old rows leave the old plan's figures from the cut-over
//   (endPeriod), so no rollup counts a project twice.
// - Reports already filed under the old plan for periods from the cut-over on, and annual plans of
//   years from the cut-over's year on, move to the successor. Earlier reports stay where they were
//   filed; the figures follow the lineage (累计完成 = the predecessor's up to the cut-over + what follows;
//   本年累计 counts every amount of the calendar year whichever plan it was filed under).
// - Milestones not yet done move to the successor; done ones stay with the predecessor.
// Applies only to projects still as previewed (versions), or nothing: CONFLICT.
type Tx = Prisma.TransactionClient;

export const carryOver = operation({
  permission: "plan.manage",
  input: carryOverSchema,
  async run(actor, v) {
    if (v.fromPlanId === v.toPlanId) throw new AppError("VALIDATION", "请选择另一个规划作为来源。", { fromPlanId: ["来源规划不能是本规划"] });
    return db.$transaction(
      async (tx) => {
        const [from, to] = await Promise.all([plan(tx, v.fromPlanId), plan(tx, v.toPlanId)]);
        await assertPlanWritable(tx, from.id);
        await assertPlanWritable(tx, to.id);
        if (from.reportingCycle !== to.reportingCycle) throw new AppError("VALIDATION", "两个规划的填报周期不同（按月/按季），不能结转；请先统一填报周期。");
        if (!isPeriod(v.cutoverPeriod, to.reportingCycle)) {
          throw new AppError("VALIDATION", "切换期次格式不正确。", {
            cutoverPeriod: [to.reportingCycle === "MONTHLY" ? "期次格式应为 2026-01" : "期次格式应为 2026-Q1"],
          });
        }
        if (periodYear(v.cutoverPeriod) < to.periodStart || periodYear(v.cutoverPeriod) > to.periodEnd) {
          throw new AppError("VALIDATION", `切换期次应在新规划的规划期（${to.periodStart}–${to.periodEnd}）内。`, {
            cutoverPeriod: ["切换期次不在新规划的规划期内"],
          });
        }
        const unitOk = new Set(to.units.filter((u) => !u.retiredAt).map((u) => u.id));
        const sectionOk = new Set(to.sections.map((s) => s.id));

        const ids = v.projects.map((p) => p.id);
        await tx.$queryRaw`SELECT id FROM "Project" WHERE id = ANY(${ids}) ORDER BY id FOR UPDATE`;
        const olds = await tx.project.findMany({
          where: { id: { in: ids } },
          include: { children: { where: { deletedAt: null }, orderBy: { sortOrder: "asc" } }, successor: { select: { id: true } } },
        });
        const stale = new AppError("CONFLICT", "预览之后所选项目已被修改或已结转，本次结转未作任何修改。请刷新后重新选择。");
        if (olds.length !== ids.length) throw stale;
        for (const p of v.projects) {
          const old = olds.find((o) => o.id === p.id)!;
          if (old.version !== p.version || old.successor || old.endPeriod) throw stale;
          if (old.planId !== from.id || old.deletedAt || old.parentId !== null || old.kind !== "PROJECT" || old.admission !== "ADMITTED") {
            throw new AppError("VALIDATION", `「${old.name}」不是来源规划的项目，不能结转。`);
          }
          if (old.status === "COMPLETED" || old.status === "IN_USE") throw new AppError("VALIDATION", `「${old.name}」已竣工/投用，不需要结转。`);
          if (old.unitId !== null && !unitOk.has(v.unitMap[String(old.unitId)]))
            throw new AppError("VALIDATION", `请为「${old.name}」所在单位选择新规划中的单位。`, { unitMap: ["有单位未对应到新规划的单位"] });
          if (!sectionOk.has(v.sectionMap[String(old.sectionId)]))
            throw new AppError("VALIDATION", `请为「${old.name}」的类别选择新规划中的类别。`, { sectionMap: ["有类别未对应到新规划的类别"] });
        }

        const { _max } = await tx.project.aggregate({ where: { planId: to.id }, _max: { sortOrder: true } });
        let sortOrder = (_max.sortOrder ?? 0) + 1;
        const reason = `续建：自${periodLabel(v.cutoverPeriod)}起由「${from.title}」结转至「${to.title}」`;
        const audits: Parameters<typeof recordAuditMany>[1] = [];
        let reports = 0;
        for (const old of olds) {
          const unitId = old.unitId === null ? null : v.unitMap[String(old.unitId)];
          const sectionId = v.sectionMap[String(old.sectionId)];
          const line = await successorOf(tx, old, {
            planId: to.id,
            unitId,
            sectionId,
            parentId: null,
            cutover: v.cutoverPeriod,
            sortOrder: sortOrder++,
            enteredById: actor.id,
          });
          const moved = await moveFrom(tx, old.id, line.id, v.cutoverPeriod, true);
          reports += moved;
          for (const child of old.children) {
            const succ = await successorOf(tx, child, {
              planId: to.id,
              unitId,
              sectionId,
              parentId: line.id,
              cutover: v.cutoverPeriod,
              sortOrder: sortOrder++,
              enteredById: actor.id,
            });
            await moveFrom(tx, child.id, succ.id, v.cutoverPeriod, false);
            audits.push({
              actorId: actor.id,
              action: "project.carryOver",
              entityType: "Project",
              entityId: child.id,
              planId: from.id,
              unitId: child.unitId,
              entityVersion: child.version + 1,
              changes: [{ field: "endPeriod", old: null, new: v.cutoverPeriod }],
              reason,
            });
            audits.push({
              actorId: actor.id,
              action: "project.create",
              entityType: "Project",
              entityId: succ.id,
              planId: to.id,
              unitId,
              entityVersion: 1,
              changes: [{ field: "predecessor", old: null, new: String(child.id) }],
              reason,
            });
          }
          audits.push({
            actorId: actor.id,
            action: "project.carryOver",
            entityType: "Project",
            entityId: old.id,
            planId: from.id,
            unitId: old.unitId,
            entityVersion: old.version + 1,
            changes: [{ field: "endPeriod", old: null, new: v.cutoverPeriod }, ...(moved ? [{ field: "reportsMoved", old: null, new: String(moved) }] : [])],
            reason,
          });
          audits.push({
            actorId: actor.id,
            action: "project.create",
            entityType: "Project",
            entityId: line.id,
            planId: to.id,
            unitId,
            entityVersion: 1,
            changes: [{ field: "predecessor", old: null, new: String(old.id) }],
            reason,
          });
        }
        await recordAuditMany(tx, audits);
        const result = {
          carried: olds.length,
          subProjects: olds.reduce((n, o) => n + o.children.length, 0),
          reportsMoved: reports,
          cutoverPeriod: v.cutoverPeriod,
        };
        await recordAudit(tx, {
          actorId: actor.id,
          action: "plan.carryOver",
          entityType: "Plan",
          entityId: to.id,
          planId: to.id,
          changes: [
            { field: "carried", old: null, new: String(result.carried) },
            { field: "reportsMoved", old: null, new: String(result.reportsMoved) },
          ],
          reason,
        });
        return result;
      },
      { timeout: 60_000 },
    );
  },
});

async function plan(tx: Tx, id: number) {
  const p = await tx.plan.findUnique({ where: { id }, include: { units: true, sections: true } });
  if (!p) throw new AppError("NOT_FOUND", "找不到该规划。");
  return p;
}

type Row = {
  id: number;
  key: string;
  name: string;
  owner: string | null;
  startYear: number | null;
  endYear: number | null;
  totalInvestment: Prisma.Decimal | null;
  status: "PREPARATION" | "CONSTRUCTION" | "COMPLETED" | "IN_USE";
  statusManual: boolean;
  statusReason: string | null;
  scope: string | null;
  approvalCode: string | null;
  fundingCentral: Prisma.Decimal | null;
  fundingProvincial: Prisma.Decimal | null;
  fundingLocal: Prisma.Decimal | null;
  fundingSpecialBond: Prisma.Decimal | null;
  fundingSelf: Prisma.Decimal | null;
};

// The successor row in the new plan; the old row leaves the old plan's figures from the cut-over.
async function successorOf(
  tx: Tx,
  old: Row & { version: number },
  to: { planId: number; unitId: number | null; sectionId: number; parentId: number | null; cutover: string; sortOrder: number; enteredById: number },
) {
  const created = await tx.project.create({
    data: {
      planId: to.planId,
      sectionId: to.sectionId,
      unitId: to.unitId,
      parentId: to.parentId,
      key: `carried-${old.id}`,
      kind: "PROJECT",
      name: old.name,
      owner: old.owner,
      startYear: old.startYear,
      endYear: old.endYear,
      totalInvestment: to.parentId === null ? old.totalInvestment : null,
      status: old.status,
      statusManual: old.statusManual,
      statusReason: old.statusReason,
      scope: old.scope,
      approvalCode: old.approvalCode,
      fundingCentral: old.fundingCentral,
      fundingProvincial: old.fundingProvincial,
      fundingLocal: old.fundingLocal,
      fundingSpecialBond: old.fundingSpecialBond,
      fundingSelf: old.fundingSelf,
      nature: "CONTINUED",
      sourceKind: "CARRIED",
      enteredById: to.enteredById,
      predecessorId: old.id,
      cutoverPeriod: to.cutover,
      sortOrder: to.sortOrder,
    },
  });
  await tx.project.update({ where: { id: old.id }, data: { endPeriod: to.cutover, version: { increment: 1 } } });
  return created;
}

// Reports from the cut-over on and annual plans from its year on go with the successor line; so do
// the milestones not yet done. Returns how many reports moved.
async function moveFrom(tx: Tx, oldId: number, newId: number, cutover: string, line: boolean): Promise<number> {
  let reports = 0;
  if (line) {
    reports = (await tx.progressReport.updateMany({ where: { projectId: oldId, period: { gte: cutover } }, data: { projectId: newId } })).count;
    await tx.annualPlanAmount.updateMany({ where: { projectId: oldId, year: { gte: periodYear(cutover) } }, data: { projectId: newId } });
  }
  await tx.milestone.updateMany({ where: { projectId: oldId, deletedAt: null, actualDate: null }, data: { projectId: newId } });
  return reports;
}
