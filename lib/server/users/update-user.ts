import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { userUpdateSchema } from "@/lib/schemas/user";
import { changesSince } from "@/lib/server/audit/changes-since";
import { diffFields, recordAudit } from "@/lib/server/audit/record-audit";
import { operation } from "@/lib/server/operation";
import { assertUnitsExist, unitNames } from "./units";

// Role, units, name and disabling. Disabling or changing role/units ends the user's sessions.
export const updateUser = operation({
  permission: "user.manage",
  input: userUpdateSchema,
  async run(actor, v) {
    if (v.id === actor.id && (v.disabled || v.role !== "ADMIN")) {
      throw new AppError("VALIDATION", "不能停用自己的账号或取消自己的管理员角色。", { role: ["不能修改自己的管理员角色"] });
    }
    const unitIds = v.role === "COUNTY_OFFICER" ? [...new Set(v.unitIds)].sort((a, b) => a - b) : [];
    return db.$transaction(async (tx) => {
      const current = await tx.user.findUnique({ where: { id: v.id }, include: { units: { select: { unitId: true }, orderBy: { unitId: "asc" } } } });
      if (!current) throw new AppError("NOT_FOUND", "找不到该用户。");
      await assertUnitsExist(tx, unitIds);
      const before = {
        displayName: current.displayName,
        role: current.role,
        disabled: current.disabledAt !== null,
        units: await unitNames(
          tx,
          current.units.map((u) => u.unitId),
        ),
      };
      const after = { displayName: v.displayName, role: v.role, disabled: v.disabled, units: await unitNames(tx, unitIds) };
      const changes = diffFields(before, after, ["displayName", "role", "units", "disabled"]);
      if (changes.length === 0) return { id: v.id, version: current.version };
      const endsSessions = changes.some((c) => c.field !== "displayName");
      const updated = await tx.user.updateMany({
        where: { id: v.id, version: v.version },
        data: {
          displayName: v.displayName,
          role: v.role,
          disabledAt: v.disabled ? (current.disabledAt ?? new Date()) : null,
          version: { increment: 1 },
          ...(endsSessions && { sessionVersion: { increment: 1 } }),
        },
      });
      if (updated.count === 0)
        throw new AppError("CONFLICT", "保存失败：在您编辑期间，其他人已修改了该用户。", undefined, await changesSince(tx, "User", v.id, v.version));
      await tx.userUnit.deleteMany({ where: { userId: v.id } });
      await tx.userUnit.createMany({ data: unitIds.map((unitId) => ({ userId: v.id, unitId })) });
      await recordAudit(tx, {
        actorId: actor.id,
        action: "user.update",
        entityType: "User",
        entityId: v.id,
        entityVersion: v.version + 1,
        changes,
        reason: v.reason,
      });
      return { id: v.id, version: v.version + 1 };
    });
  },
});
