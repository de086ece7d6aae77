import "server-only";
import { assertPlanWritable } from "@/lib/server/plans/plan-writable";
import { operation } from "@/lib/server/operation";
import { dateColumn } from "@/lib/dates";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { projectUpdateSchema } from "@/lib/schemas/project-update";
import { changesSince } from "@/lib/server/audit/changes-since";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { authorize } from "@/lib/server/auth/authorize";
import { factChanges, typedFacts } from "./project-facts";

// A county officer's change of project facts becomes a 调整申请 (with a reason and optionally the
// approval document); nothing official moves until a reviewer approves it (review-change-request.ts).
// The project status is not an official figure: a manual status change applies directly, with a reason.
export const requestProjectChange = operation({
  permission: "project.requestChange",
  input: projectUpdateSchema,
  async run(actor, v) {
    await authorize(actor, "project.requestChange", { project: v.id });
    return db.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM "Project" WHERE id = ${v.id} FOR UPDATE`;
      const current = await tx.project.findFirst({ where: { id: v.id, deletedAt: null } });
      if (!current) throw new AppError("NOT_FOUND", "找不到该项目。");
      await assertPlanWritable(tx, current.planId);
      // A project not admitted yet is not official: its entry is edited directly (resubmit-project.ts).
      if (current.admission !== "ADMITTED") throw new AppError("VALIDATION", "该项目尚未入库，请通过“修改申报”直接修改。");
      if (current.version !== v.version) {
        throw new AppError(
          "CONFLICT",
          "提交失败：在您编辑期间，该项目已被修改。请查看下列变更后重新编辑。",
          undefined,
          await changesSince(tx, "Project", v.id, v.version),
        );
      }
      const facts = factChanges(current, await typedFacts(tx, current, v));
      const statusChanged = current.status !== v.status;
      if (facts.length === 0 && !statusChanged) return { id: v.id, version: v.version, changed: 0, requestId: null };
      if (!v.reason) {
        throw new AppError("VALIDATION", facts.length ? "调整申请需要说明调整原因。" : "手动修改状态需要说明原因。", {
          reason: [facts.length ? "请说明调整原因" : "请说明手动修改状态的原因"],
        });
      }
      let version = v.version;
      const ctx = { actorId: actor.id, planId: current.planId, unitId: current.unitId };
      if (statusChanged) {
        await tx.project.update({ where: { id: v.id }, data: { status: v.status, statusManual: true, statusReason: v.reason, version: { increment: 1 } } });
        version += 1;
        await recordAudit(tx, {
          ...ctx,
          action: "project.update",
          entityType: "Project",
          entityId: v.id,
          entityVersion: version,
          changes: [{ field: "status", old: current.status, new: v.status }],
          reason: v.reason,
        });
      }
      if (facts.length === 0) return { id: v.id, version, changed: 1, requestId: null };
      const open = await tx.projectChangeRequest.findFirst({ where: { projectId: v.id, status: "SUBMITTED" }, select: { id: true } });
      if (open) throw new AppError("VALIDATION", `该项目已有待审核的调整申请（#${open.id}），审核后才能再次申请。`);
      const request = await tx.projectChangeRequest.create({
        data: {
          projectId: v.id,
          baseVersion: version,
          changes: facts,
          reason: v.reason,
          docNumber: v.docNumber || null,
          docDate: v.docDate ? dateColumn(v.docDate) : null,
          createdById: actor.id,
        },
      });
      await recordAudit(tx, {
        ...ctx,
        action: "changeRequest.submit",
        entityType: "ProjectChangeRequest",
        entityId: request.id,
        entityVersion: 1,
        changes: facts,
        reason: v.reason,
      });
      return { id: v.id, version, changed: facts.length, requestId: request.id };
    });
  },
});
