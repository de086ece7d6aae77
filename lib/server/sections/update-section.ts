import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { zhPlans } from "@/lib/i18n/zh-CN-plans";
import { sectionUpdateSchema } from "@/lib/schemas/section";
import { changesSince } from "@/lib/server/audit/changes-since";
import { diffFields, recordAudit } from "@/lib/server/audit/record-audit";
import { operation } from "@/lib/server/operation";
import { assertPlanWritable } from "@/lib/server/plans/plan-writable";
import { assertSectionFree, lockSections } from "./new-section";

// Renames a 专栏 or category (title, number), applied to the version the admin saw.
export const updateSection = operation({
  permission: "plan.manage",
  input: sectionUpdateSchema,
  async run(actor, v) {
    return db.$transaction(async (tx) => {
      const section = await tx.section.findUnique({ where: { id: v.id } });
      if (!section) throw new AppError("NOT_FOUND", zhPlans.errors.sectionNotFound);
      await assertPlanWritable(tx, section.planId);
      if (section.kind === "COLUMN" && v.number === "") throw new AppError("VALIDATION", "专栏须填写编号", { number: ["专栏须填写编号，如“专栏3”"] });
      const next = { number: v.number || null, title: v.title };
      const changes = diffFields(section, next, ["number", "title"]);
      if (changes.length === 0) return { id: section.id, version: section.version, changed: 0 };
      await lockSections(tx, section.planId);
      await assertSectionFree(tx, section.planId, next, section.id);
      const updated = await tx.section.updateMany({ where: { id: v.id, version: v.version }, data: { ...next, version: { increment: 1 } } });
      if (updated.count === 0) throw new AppError("CONFLICT", zhPlans.errors.conflictSection, undefined, await changesSince(tx, "Section", v.id, v.version));
      await recordAudit(tx, {
        actorId: actor.id,
        action: "section.update",
        entityType: "Section",
        entityId: v.id,
        planId: section.planId,
        entityVersion: v.version + 1,
        changes,
        reason: v.reason,
      });
      return { id: v.id, version: v.version + 1, changed: changes.length };
    });
  },
});
