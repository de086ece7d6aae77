import "server-only";
import { assertPlanWritable } from "@/lib/server/plans/plan-writable";
import { operation } from "@/lib/server/operation";
import { Decimal } from "decimal.js";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { exactString, formatMoney, toWan } from "@/lib/money";
import { currentPeriod, isPeriod, periodLabel, periodYear } from "@/lib/periods";
import { outsideBuildPeriod } from "@/lib/reports";
import { reportSaveSchema } from "@/lib/schemas/report";
import { changesSince } from "@/lib/server/audit/changes-since";
import { submitWithReport, writeProposal } from "@/lib/server/annual-plans/proposal";
import { diffFields, recordAudit } from "@/lib/server/audit/record-audit";
import { authorize } from "@/lib/server/auth/authorize";

const AMOUNTS = ["completedAmount", "fundsCentral", "fundsProvincial", "fundsLocal", "fundsSpecialBond", "fundsSelf"] as const;
const TEXTS = ["progressText", "problems", "nextSteps", "outOfPeriodReason"] as const;
const FIELDS = [...AMOUNTS, "progressPercent", ...TEXTS] as const;

// Files or edits one project's report for one period, optionally submitting it.
// Draft and returned reports are edited in place; a submitted one is frozen until reviewed; an
// approved period is locked and a correction becomes a new revision (with a reason) while the
// approved figures keep counting until the correction is approved.
export const saveReport = operation({
  permission: "report.write",
  input: reportSaveSchema,
  async run(actor, v) {
    await authorize(actor, "report.write", { project: v.projectId });
    const project = await db.project.findFirst({ where: { id: v.projectId, deletedAt: null }, include: { plan: { select: { reportingCycle: true } } } });
    if (!project) throw new AppError("NOT_FOUND", "找不到该项目。");
    if (project.parentId !== null) throw new AppError("VALIDATION", "打包项目的子项目不单独填报，请在上级打包项目填报。");
    if (project.admission !== "ADMITTED") throw new AppError("VALIDATION", "该项目尚未入库，入库审核通过后才能填报调度报告。");
    const cycle = project.plan.reportingCycle;
    if (!isPeriod(v.period, cycle)) {
      throw new AppError("VALIDATION", "填报期次格式不正确。", { period: [cycle === "MONTHLY" ? "期次格式应为 2025-03" : "期次格式应为 2025-Q1"] });
    }
    if (v.period > currentPeriod(cycle)) throw new AppError("VALIDATION", "不能填报未来的期次。", { period: ["不能填报未来的期次"] });
    if (project.endPeriod !== null && v.period >= project.endPeriod) {
      throw new AppError("VALIDATION", `该项目自${periodLabel(project.endPeriod)}起已不在本规划（调出或转入续建），不能填报该期及以后的报告。`, {
        period: ["该期项目已不在本规划"],
      });
    }
    const year = periodYear(v.period);
    const outside = outsideBuildPeriod(project, v.period);
    if (outside && !v.outOfPeriodReason) {
      throw new AppError("VALIDATION", `${v.period} 不在项目建设期（${project.startYear ?? "?"}–${project.endYear ?? "?"}）内，请说明原因。`, {
        outOfPeriodReason: ["填报期次不在建设期内，请说明原因"],
      });
    }
    const wan = (s: string) => (s === "" ? null : toWan(s, v.moneyUnit));
    const next = {
      ...Object.fromEntries(AMOUNTS.map((f) => [f, wan(v[f])])),
      progressPercent: v.progressPercent === "" ? null : new Decimal(v.progressPercent).toFixed(),
      progressText: v.progressText || null,
      problems: v.problems || null,
      nextSteps: v.nextSteps || null,
      outOfPeriodReason: outside ? v.outOfPeriodReason : null,
    } as Record<(typeof FIELDS)[number], string | null>;

    return db.$transaction(async (tx) => {
      // One writer per project at a time: two first reports for a period cannot both be created.
      await tx.$queryRaw`SELECT id FROM "Project" WHERE id = ${v.projectId} FOR UPDATE`;
      await assertPlanWritable(tx, project.planId);
      const current = await tx.progressReport.findFirst({ where: { projectId: v.projectId, period: v.period, isCurrent: true } });
      const audit = (action: string, id: number, version: number, changes: ReturnType<typeof diffFields>, reason?: string) =>
        recordAudit(tx, {
          actorId: actor.id,
          action,
          entityType: "ProgressReport",
          entityId: id,
          planId: project.planId,
          unitId: project.unitId,
          entityVersion: version,
          changes,
          reason,
        });

      const before = current
        ? Object.fromEntries(FIELDS.map((f) => [f, (TEXTS as readonly string[]).includes(f) ? (current[f] as string | null) : exactString(current[f])]))
        : null;
      const changes = diffFields(before, next, [...FIELDS]);
      // Saving exactly what is stored overwrites nothing: answer with the current report, stale or not.
      if (current && changes.length === 0 && !v.submit && !v.correctionReason && v.annualPlan === "") {
        return { id: current.id, version: current.version, status: current.status, warnings: [] as string[] };
      }
      if (current && v.version !== current.version) {
        throw new AppError(
          "CONFLICT",
          "保存失败：该期报告在您编辑期间已被修改或审核。请查看下列变更后重新填写。",
          undefined,
          await changesSince(tx, "ProgressReport", current.id, v.version ?? 0),
        );
      }
      if (!current && v.version !== undefined) throw new AppError("CONFLICT", "该期报告已不存在，请刷新后重新填写。");
      if (current?.status === "SUBMITTED") throw new AppError("VALIDATION", "该期报告已提交、正在审核，不能修改；如需修改请联系审核人退回。");
      if (current?.status === "APPROVED" && !v.correctionReason) {
        throw new AppError("VALIDATION", "该期报告已审核通过并锁定。如需更正，请填写更正原因，系统将生成新的修订版本。", {
          correctionReason: ["请填写更正原因"],
        });
      }

      let report;
      const submitted = v.submit ? { status: "SUBMITTED" as const, submittedAt: new Date(), submittedById: actor.id } : {};
      if (!current || current.status === "APPROVED") {
        if (current) await tx.progressReport.update({ where: { id: current.id }, data: { isCurrent: false } });
        report = await tx.progressReport.create({
          data: {
            projectId: v.projectId,
            period: v.period,
            year,
            revision: (current?.revision ?? 0) + 1,
            correctionReason: current ? v.correctionReason : null,
            createdById: actor.id,
            ...next,
            ...submitted,
          },
        });
        await audit(current ? "report.correct" : "report.create", report.id, report.version, changes, current ? v.correctionReason : undefined);
      } else {
        report = await tx.progressReport.update({ where: { id: current.id }, data: { ...next, ...submitted, version: { increment: 1 } } });
        if (changes.length) await audit("report.update", report.id, report.version, changes);
      }
      if (v.submit)
        await audit("report.submit", report.id, report.version, [
          { field: "status", old: current?.status === "APPROVED" ? "DRAFT" : (current?.status ?? "DRAFT"), new: "SUBMITTED" },
        ]);

      // 年度计划投资 typed with a report is a proposal travelling with it (reviewed with the report).
      const ctx = { actorId: actor.id, planId: project.planId, unitId: project.unitId };
      if (v.annualPlan !== "")
        await writeProposal(tx, ctx, { projectId: v.projectId, year, amountWan: wan(v.annualPlan)!, reportId: report.id, submit: v.submit });
      if (v.submit) await submitWithReport(tx, ctx, report.id);
      return { id: report.id, version: report.version, status: report.status, warnings: await overTotalWarning(tx, project, v.period) };
    });
  },
});

// A warning, not a block: completion to date (approved figures plus this period's report) above the
// project's total investment.
async function overTotalWarning(
  tx: Parameters<Parameters<typeof db.$transaction>[0]>[0],
  project: { id: number; totalInvestment: { toString(): string } | null },
  period: string,
) {
  if (project.totalInvestment === null) return [];
  const [row] = await tx.$queryRaw<{ sum: string | null }[]>`
    SELECT sum("completedAmount")::text AS sum FROM "ProgressReport"
    WHERE "projectId" = ${project.id} AND (("isOfficial" AND period <> ${period}) OR (period = ${period} AND "isCurrent"))`;
  if (row.sum === null || new Decimal(row.sum).lte(project.totalInvestment.toString())) return [];
  return [`累计完成投资 ${formatMoney(row.sum, "wan")} 万元将超过项目总投资 ${formatMoney(project.totalInvestment, "wan")} 万元，请核实。`];
}
