import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { currentPeriod, periodLabel } from "@/lib/periods";
import { withdrawalRequestSchema } from "@/lib/schemas/project-entry";
import { changesSince } from "@/lib/server/audit/changes-since";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { can } from "@/lib/server/auth/authorize";
import { operation } from "@/lib/server/operation";
import { assertPlanWritable } from "@/lib/server/plans/plan-writable";
import { assertWithdrawalPeriod, lastApprovedPeriod } from "./withdrawal";

// 调出/取消 request: a county officer of the project's unit (project.requestChange) or the plan office
// (project.update) asks for an admitted project to leave the plan from a period on, with a reason.
// Nothing changes until finance or the plan office approves it (review-change-requests.ts), as with
// every 调整申请; one open request per project. The period rule is in withdrawal.ts.
export const requestWithdrawal = operation({
  permission: "plan.read",
  input: withdrawalRequestSchema,
  async run(actor, v) {
    const ref = { project: v.projectId };
    if (!(await can(actor, "project.requestChange", ref)) && !(await can(actor, "project.update", ref)))
      throw new AppError("FORBIDDEN", "您没有权限执行此操作。");
    return db.$transaction(async (tx) => {
      const found = await tx.project.findFirst({ where: { id: v.projectId, deletedAt: null }, select: { planId: true } });
      if (!found) throw new AppError("NOT_FOUND", "找不到该项目。");
      await assertPlanWritable(tx, found.planId);
      await tx.$queryRaw`SELECT id FROM "Project" WHERE id = ${v.projectId} FOR UPDATE`;
      const project = await tx.project.findFirst({ where: { id: v.projectId, deletedAt: null }, include: { plan: { select: { reportingCycle: true } } } });
      if (!project) throw new AppError("NOT_FOUND", "找不到该项目。");
      if (project.version !== v.version) {
        throw new AppError(
          "CONFLICT",
          "提交失败：在您填写期间，该项目已被修改。请查看下列变更后重新申请。",
          undefined,
          await changesSince(tx, "Project", v.projectId, v.version),
        );
      }
      if (project.admission !== "ADMITTED") throw new AppError("VALIDATION", "项目尚未入库，不计入正式统计，无需调出申请。");
      if (project.endPeriod !== null) throw new AppError("VALIDATION", `该项目已于 ${periodLabel(project.endPeriod)}起调出。`);
      const open = await tx.projectChangeRequest.findFirst({ where: { projectId: v.projectId, status: "SUBMITTED" }, select: { id: true } });
      if (open) throw new AppError("VALIDATION", `该项目已有待审核的申请（#${open.id}），审核后才能再次申请。`);
      const cycle = project.plan.reportingCycle;
      const period = v.effectivePeriod || currentPeriod(cycle);
      assertWithdrawalPeriod(period, cycle, await lastApprovedPeriod(tx, project));
      const changes = [{ field: "endPeriod", old: null, new: period }];
      const request = await tx.projectChangeRequest.create({
        data: {
          kind: "WITHDRAW",
          projectId: v.projectId,
          effectivePeriod: period,
          baseVersion: project.version,
          changes,
          reason: v.reason,
          createdById: actor.id,
        },
      });
      await recordAudit(tx, {
        actorId: actor.id,
        action: "changeRequest.submit",
        entityType: "ProjectChangeRequest",
        entityId: request.id,
        planId: project.planId,
        unitId: project.unitId,
        entityVersion: 1,
        changes,
        reason: `调出申请：${v.reason}`,
      });
      return { requestId: request.id, effectivePeriod: period };
    });
  },
});
