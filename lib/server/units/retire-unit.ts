import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { zhPlans } from "@/lib/i18n/zh-CN-plans";
import { unitRetireSchema } from "@/lib/schemas/unit";
import { changesSince } from "@/lib/server/audit/changes-since";
import { recordAudit, recordAuditMany, type AuditInput } from "@/lib/server/audit/record-audit";
import { operation } from "@/lib/server/operation";
import { assertPlanWritable } from "@/lib/server/plans/plan-writable";
import { unitNames } from "@/lib/server/users/units";

// Retires a reporting unit by merging it into another unit of the same plan (units are never
// deleted: their history stays). In one transaction: every project of the unit moves to the target
// (audited per project as project.update), its officers are assigned to the target instead (audited
// per user), and the unit is marked retired with mergedIntoId. Retired units receive no projects.
const E = zhPlans.errors;
type Locked = { id: number; planId: number; name: string; retiredAt: Date | null; version: number };

export const retireUnit = operation({
  permission: "plan.manage",
  input: unitRetireSchema,
  async run(actor, v) {
    if (v.targetId === v.id) throw new AppError("VALIDATION", E.targetSelf, { targetId: [E.targetSelf] });
    return db.$transaction(async (tx) => {
      const found = await tx.reportingUnit.findUnique({ where: { id: v.id }, select: { planId: true } });
      if (!found) throw new AppError("NOT_FOUND", E.unitNotFound);
      await assertPlanWritable(tx, found.planId);
      // Both units locked, in id order: a merge of B into A at the same time waits, then sees A retired.
      // Projects and officer assignments referencing the unit cannot be added meanwhile (their
      // foreign-key check needs a lock this one excludes).
      const locked = await tx.$queryRaw<Locked[]>`
        SELECT id, "planId", name, "retiredAt", version FROM "ReportingUnit" WHERE id IN (${v.id}, ${v.targetId}) ORDER BY id FOR UPDATE`;
      const unit = locked.find((u) => u.id === v.id)!;
      const target = locked.find((u) => u.id === v.targetId);
      if (!target || target.planId !== unit.planId) throw new AppError("VALIDATION", E.targetOtherPlan, { targetId: [E.targetOtherPlan] });
      if (target.retiredAt) throw new AppError("VALIDATION", E.targetRetired, { targetId: [E.targetRetired] });
      if (unit.version !== v.version || unit.retiredAt)
        throw new AppError("CONFLICT", E.conflictUnit, undefined, await changesSince(tx, "ReportingUnit", v.id, v.version));
      const reason = `单位合并：${unit.name} → ${target.name}${v.reason ? `（${v.reason}）` : ""}`;
      const base = { actorId: actor.id, planId: unit.planId, reason };

      const projects = await tx.$queryRaw<
        { id: number; version: number }[]
      >`SELECT id, version FROM "Project" WHERE "unitId" = ${unit.id} ORDER BY id FOR UPDATE`;
      if (projects.length) {
        await tx.project.updateMany({ where: { id: { in: projects.map((p) => p.id) } }, data: { unitId: target.id, version: { increment: 1 } } });
      }
      const projectEvents: AuditInput[] = projects.map((p) => ({
        ...base,
        action: "project.update",
        entityType: "Project",
        entityId: p.id,
        unitId: target.id,
        entityVersion: p.version + 1,
        changes: [{ field: "unitId", old: String(unit.id), new: String(target.id) }],
      }));

      const officers = await tx.$queryRaw<{ id: number; version: number }[]>`
        SELECT u.id, u.version FROM "User" u JOIN "UserUnit" uu ON uu."userId" = u.id WHERE uu."unitId" = ${unit.id} ORDER BY u.id FOR UPDATE OF u`;
      const userEvents: AuditInput[] = [];
      for (const officer of officers) {
        const before = (await tx.userUnit.findMany({ where: { userId: officer.id }, select: { unitId: true } })).map((u) => u.unitId);
        const after = [...new Set(before.map((id) => (id === unit.id ? target.id : id)))];
        await tx.userUnit.deleteMany({ where: { userId: officer.id, unitId: unit.id } });
        await tx.userUnit.createMany({ data: [{ userId: officer.id, unitId: target.id }], skipDuplicates: true });
        userEvents.push({
          ...base,
          action: "user.update",
          entityType: "User",
          entityId: officer.id,
          entityVersion: officer.version + 1,
          changes: [{ field: "units", old: await unitNames(tx, before), new: await unitNames(tx, after) }],
        });
      }
      // A user form opened before the merge must not put the old unit back: its version is stale now.
      if (officers.length) await tx.user.updateMany({ where: { id: { in: officers.map((o) => o.id) } }, data: { version: { increment: 1 } } });

      const retiredAt = new Date();
      await tx.reportingUnit.update({ where: { id: unit.id }, data: { retiredAt, mergedIntoId: target.id, version: { increment: 1 } } });
      await recordAuditMany(tx, [...projectEvents, ...userEvents]);
      await recordAudit(tx, {
        ...base,
        action: "unit.retire",
        entityType: "ReportingUnit",
        entityId: unit.id,
        unitId: unit.id,
        entityVersion: unit.version + 1,
        changes: [
          { field: "retiredAt", old: null, new: retiredAt.toISOString() },
          { field: "mergedInto", old: null, new: target.name },
          { field: "projects", old: String(projects.length), new: "0" },
          { field: "officers", old: String(officers.length), new: "0" },
        ],
      });
      return { id: unit.id, version: unit.version + 1, targetId: target.id, movedProjects: projects.length, movedOfficers: officers.length };
    });
  },
});
