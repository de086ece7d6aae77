import "server-only";
import { Decimal } from "decimal.js";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { exactString, yiToWan } from "@/lib/money";
import { projectUpdateSchema } from "@/lib/schemas/project-update";
import { validate } from "@/lib/schemas/validate";
import { diffFields, recordAudit } from "@/lib/server/audit/record-audit";
import { authorize } from "@/lib/server/auth/authorize";
import type { SessionUser } from "@/lib/server/auth/current-user";
import { changesSince } from "@/lib/server/audit/changes-since";

const FIELDS = ["name", "owner", "startYear", "endYear", "totalInvestment", "status"] as const;

export async function updateProject(actor: SessionUser, input: unknown) {
  const v = validate(projectUpdateSchema, input);
  await authorize(actor, "project.update", { project: v.id });

  const totalInvestment = v.totalInvestment === "" ? null : (v.moneyUnit === "yi" ? yiToWan(v.totalInvestment) : new Decimal(v.totalInvestment)).toFixed();
  const next = { name: v.name, owner: v.owner || null, startYear: v.startYear, endYear: v.endYear, totalInvestment, status: v.status };

  return db.$transaction(async (tx) => {
    const current = await tx.project.findFirst({ where: { id: v.id, deletedAt: null }, include: { _count: { select: { children: true } } } });
    if (!current) throw new AppError("NOT_FOUND", "找不到该项目。");
    if (current.parentId && totalInvestment !== null) {
      throw new AppError("VALIDATION", "子项目的投资计入上级打包项目，不能单独填写。", { totalInvestment: ["子项目不单独填写总投资"] });
    }
    const changes = diffFields(
      { ...current, totalInvestment: exactString(current.totalInvestment) },
      next,
      [...FIELDS],
    );
    if (changes.length === 0) return { id: current.id, version: current.version, changed: 0 };
    if (changes.some((c) => c.field === "status") && !v.reason) {
      throw new AppError("VALIDATION", "手动修改状态需要说明原因。", { reason: ["请说明手动修改状态的原因"] });
    }
    // Optimistic lock: the row changes only if nobody saved since this form was loaded.
    const updated = await tx.project.updateMany({
      where: { id: v.id, version: v.version },
      data: { ...next, version: { increment: 1 }, ...(changes.some((c) => c.field === "status") && { statusManual: true, statusReason: v.reason }) },
    });
    if (updated.count === 0) {
      throw new AppError("CONFLICT", "保存失败：在您编辑期间，其他人已修改了该项目。请查看下列变更后重新编辑。", undefined, await changesSince(tx, "Project", v.id, v.version));
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
      reason: v.reason,
    });
    return { id: v.id, version: v.version + 1, changed: changes.length };
  });
}
