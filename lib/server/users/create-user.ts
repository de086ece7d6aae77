import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { userCreateSchema } from "@/lib/schemas/user";
import { recordAudit, type FieldChange } from "@/lib/server/audit/record-audit";
import { hashPassword } from "@/lib/server/auth/password";
import { operation } from "@/lib/server/operation";
import { assertUnitsExist, unitNames } from "./units";

// What the audit trail records of a new account (never its password).
export const createdUserChanges = (user: { username: string; displayName: string; role: string }): FieldChange[] => [
  { field: "username", old: null, new: user.username },
  { field: "displayName", old: null, new: user.displayName },
  { field: "role", old: null, new: user.role },
];

export const createUser = operation({
  permission: "user.manage",
  input: userCreateSchema,
  async run(actor, v) {
    const unitIds = v.role === "COUNTY_OFFICER" ? [...new Set(v.unitIds)] : [];
    const passwordHash = await hashPassword(v.password);
    return db.$transaction(async (tx) => {
      await assertUnitsExist(tx, unitIds);
      if (await tx.user.findUnique({ where: { username: v.username } })) {
        throw new AppError("VALIDATION", "用户名已存在。", { username: ["该用户名已被使用"] });
      }
      // New accounts choose their own password at first sign-in.
      const user = await tx.user.create({
        data: {
          username: v.username,
          displayName: v.displayName,
          role: v.role,
          passwordHash,
          mustChangePassword: true,
          units: { create: unitIds.map((unitId) => ({ unitId })) },
        },
      });
      await recordAudit(tx, {
        actorId: actor.id,
        action: "user.create",
        entityType: "User",
        entityId: user.id,
        entityVersion: user.version,
        changes: [...createdUserChanges(user), { field: "units", old: null, new: await unitNames(tx, unitIds) }],
      });
      return { id: user.id };
    });
  },
});
