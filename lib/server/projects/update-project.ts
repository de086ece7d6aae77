import "server-only";
import { assertPlanWritable } from "@/lib/server/plans/plan-writable";
import { operation } from "@/lib/server/operation";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { projectUpdateSchema } from "@/lib/schemas/project-update";
import { changesSince } from "@/lib/server/audit/changes-since";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { authorize } from "@/lib/server/auth/authorize";
import { applyFacts, factChanges, typedFacts } from "./project-facts";

// The plan office changes a project's facts directly (county officers file a 调整申请 instead:
// request-project-change.ts). Every direct change needs a reason and is audited as such.
export const updateProject = operation({
  permission: "project.update",
  input: projectUpdateSchema,
  async run(actor, v) {
    await authorize(actor, "project.update", { project: v.id });
    return db.$transaction(async (tx) => {
      const current = await tx.project.findFirst({ where: { id: v.id, deletedAt: null } });
      if (!current) throw new AppError("NOT_FOUND", "找不到该项目。");
      await assertPlanWritable(tx, current.planId);
      const changes = factChanges(current, await typedFacts(tx, current, v));
      if (current.status !== v.status) changes.push({ field: "status", old: current.status, new: v.status });
      if (changes.length === 0) return { id: current.id, version: current.version, changed: 0, requestId: null };
      if (!v.reason) throw new AppError("VALIDATION", "直接修改项目信息需要说明原因（如批复文件）。", { reason: ["请说明修改原因"] });
      const status = changes.find((c) => c.field === "status");
      const applied = await applyFacts(
        tx,
        v.id,
        v.version,
        changes.filter((c) => c !== status),
        status ? { status: v.status, statusManual: true, statusReason: v.reason } : {},
      );
      if (!applied) {
        throw new AppError(
          "CONFLICT",
          "保存失败：在您编辑期间，其他人已修改了该项目。请查看下列变更后重新编辑。",
          undefined,
          await changesSince(tx, "Project", v.id, v.version),
        );
      }
      await recordAudit(tx, {
        actorId: actor.id,
        action: "project.update",
        entityType: "Project",
        entityId: v.id,
        planId: current.planId,
        unitId: current.unitId,
        entityVersion: v.version + 1,
        changes,
        reason: `直接修改：${v.reason}`,
      });
      return { id: v.id, version: v.version + 1, changed: changes.length, requestId: null };
    });
  },
});
