import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { fundingMismatch, projectEntryEditSchema } from "@/lib/schemas/project-entry";
import { changesSince } from "@/lib/server/audit/changes-since";
import { diffFields, recordAudit } from "@/lib/server/audit/record-audit";
import { authorize } from "@/lib/server/auth/authorize";
import { operation } from "@/lib/server/operation";
import { checkPlacement, ENTRY_FIELDS, entryColumns, lockEntry, storedColumns } from "./entry";

// An entered project that is not admitted yet (申报中 or 退回) is not official: its author's unit edits
// it directly, through the entry form. A returned one goes back to the 入库 queue (PROPOSED). Applies
// only to the version and admission state the editor saw; an admitted project changes by 调整申请.
export const resubmitProject = operation({
  permission: "project.create",
  input: projectEntryEditSchema,
  async run(actor, v) {
    await authorize(actor, "project.create", { project: v.id });
    await authorize(actor, "project.create", { unit: v.unitId });
    return db.$transaction(async (tx) => {
      await lockEntry(tx, v.planId, v.unitId);
      const current = await tx.project.findFirst({
        where: { id: v.id, deletedAt: null },
        include: { _count: { select: { children: { where: { deletedAt: null } } } } },
      });
      if (!current) throw new AppError("NOT_FOUND", "找不到该项目。");
      if (current.version !== v.version) {
        throw new AppError(
          "CONFLICT",
          "保存失败：在您编辑期间，该项目已被修改或审核。请查看下列变更后重新编辑。",
          undefined,
          await changesSince(tx, "Project", v.id, v.version),
        );
      }
      if (current.admission === "ADMITTED") throw new AppError("VALIDATION", "该项目已入库，请通过“申请调整”修改。");
      if (current.planId !== v.planId) throw new AppError("VALIDATION", "不能更换项目所属规划。", { planId: ["不能更换规划"] });
      if (v.parentId !== null && current._count.children > 0)
        throw new AppError("VALIDATION", "该项目下已有子项目，不能归入其他打包项目。", { parentId: ["已有子项目的项目不能再作为子项目"] });
      if (
        v.parentId !== null &&
        current.parentId === null &&
        (await tx.progressReport.count({ where: { projectId: v.id } })) + (await tx.annualPlanAmount.count({ where: { projectId: v.id } })) > 0
      ) {
        throw new AppError("VALIDATION", "该项目已有报告或年度计划，不能改为子项目。", { parentId: ["已有报告的项目不能改为子项目"] });
      }
      await checkPlacement(tx, v, v.id);
      const columns = entryColumns(v);
      const changes = diffFields(storedColumns(current), columns, [...ENTRY_FIELDS]);
      const resubmit = current.admission === "RETURNED";
      if (changes.length === 0 && !resubmit) return { id: v.id, version: v.version, admission: current.admission, changed: 0, warnings: [] };
      const updated = await tx.project.updateMany({
        where: { id: v.id, version: v.version, admission: current.admission, deletedAt: null },
        data: { ...columns, admission: "PROPOSED", admissionComment: null, version: { increment: 1 } },
      });
      if (updated.count === 0) throw new AppError("CONFLICT", "保存失败：在您编辑期间，该项目已被修改或审核。请刷新后重新编辑。");
      // The sub-projects of a bundle move with it.
      if (current._count.children > 0) await tx.project.updateMany({ where: { parentId: v.id }, data: { unitId: v.unitId, sectionId: v.sectionId } });
      if (resubmit) changes.push({ field: "admission", old: "RETURNED", new: "PROPOSED" });
      await recordAudit(tx, {
        actorId: actor.id,
        action: resubmit ? "project.resubmit" : "project.update",
        entityType: "Project",
        entityId: v.id,
        planId: current.planId,
        unitId: v.unitId,
        entityVersion: v.version + 1,
        changes,
        reason: resubmit ? "退回后修改，重新申报" : "修改申报（尚未入库，直接修改）",
      });
      const mismatch = fundingMismatch(v);
      return { id: v.id, version: v.version + 1, admission: "PROPOSED" as const, changed: changes.length, warnings: mismatch ? [mismatch] : [] };
    });
  },
});
