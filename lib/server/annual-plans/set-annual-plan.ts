import "server-only";
import { operation } from "@/lib/server/operation";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { exactString, toWan } from "@/lib/money";
import { annualPlanSetSchema } from "@/lib/schemas/annual-plan";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { lockReportingLine } from "./project-for-annual-plan";
import { ANNUAL_FIELD } from "./proposal";

// The plan office or finance sets (下达) a year's official 年度计划投资 directly, with a reason. An open
// proposal is closed by it (audited as superseded), so no older proposal can overwrite the figure.
export const setAnnualPlan = operation({
  permission: "annualPlan.set",
  input: annualPlanSetSchema,
  async run(actor, v) {
    const amount = toWan(v.amount, v.moneyUnit);
    return db.$transaction(async (tx) => {
      const project = await lockReportingLine(tx, v.projectId, v.year);
      const row = await tx.annualPlanAmount.findUnique({ where: { projectId_year: { projectId: v.projectId, year: v.year } } });
      if (row && v.version !== undefined && row.version !== v.version)
        throw new AppError("CONFLICT", `${v.year} 年度计划投资在您编辑期间已被修改或审核，请刷新后重试。`);
      if (!row && v.version !== undefined) throw new AppError("CONFLICT", `${v.year} 年度计划投资已不存在，请刷新后重试。`);
      const old = row ? exactString(row.amount) : null;
      if (old === amount && !row?.proposalStatus) return { id: row!.id, version: row!.version };
      const data = {
        amount,
        approvedAt: new Date(),
        approvedById: actor.id,
        proposedAmount: null,
        proposalStatus: null,
        proposalReportId: null,
        reviewComment: null,
      };
      const saved = row
        ? await tx.annualPlanAmount.update({ where: { id: row.id }, data: { ...data, version: { increment: 1 } } })
        : await tx.annualPlanAmount.create({ data: { projectId: v.projectId, year: v.year, ...data } });
      const superseded = row?.proposalStatus ? `；同时关闭了待处理的申报 ${exactString(row.proposedAmount)} 万元` : "";
      await recordAudit(tx, {
        actorId: actor.id,
        action: "annualPlan.set",
        entityType: "AnnualPlanAmount",
        entityId: saved.id,
        planId: project.planId,
        unitId: project.unitId,
        entityVersion: saved.version,
        changes: [{ field: ANNUAL_FIELD(v.year), old, new: amount }],
        reason: `下达：${v.reason}${superseded}`,
      });
      return { id: saved.id, version: saved.version };
    });
  },
});
