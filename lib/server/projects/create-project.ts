import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { grantOf } from "@/lib/permissions";
import { fundingMismatch, projectEntrySchema } from "@/lib/schemas/project-entry";
import { diffFields } from "@/lib/server/audit/record-audit";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { authorize } from "@/lib/server/auth/authorize";
import { addTemplateMilestones } from "@/lib/server/milestones/template";
import { operation } from "@/lib/server/operation";
import { checkPlacement, ENTRY_FIELDS, entryColumns, lockEntry } from "./entry";

// A project added by hand to one of the actor's units. Its provenance is ENTERED (who, when; never a
// quote of a document). A county officer's entry is a 申报 (PROPOSED) that counts in no official
// figure until the plan office admits it (admit-projects.ts); the plan office's own entry is admitted
// directly. Funding sources that do not add up to the total are a warning, not a refusal.
export const createProject = operation({
  permission: "project.create",
  input: projectEntrySchema,
  async run(actor, v) {
    await authorize(actor, "project.create", { unit: v.unitId });
    const admission = grantOf(actor.role, "project.admit") ? "ADMITTED" : "PROPOSED";
    return db.$transaction(async (tx) => {
      await lockEntry(tx, v.planId, v.unitId);
      await checkPlacement(tx, v);
      const { _max } = await tx.project.aggregate({ where: { planId: v.planId }, _max: { sortOrder: true } });
      const columns = entryColumns(v);
      const project = await tx.project.create({
        data: {
          ...columns,
          planId: v.planId,
          key: `ent-${randomUUID()}`,
          kind: "PROJECT",
          sourceKind: "ENTERED",
          sourceFile: null,
          sourceLocator: null,
          sourceText: null,
          enteredById: actor.id,
          admission,
          sortOrder: (_max.sortOrder ?? 0) + 1,
        },
      });
      await addTemplateMilestones(tx, [project.id]);
      await recordAudit(tx, {
        actorId: actor.id,
        action: "project.create",
        entityType: "Project",
        entityId: project.id,
        planId: v.planId,
        unitId: v.unitId,
        entityVersion: 1,
        changes: diffFields(null, { ...columns, admission }, [...ENTRY_FIELDS, "admission"]),
        reason: admission === "ADMITTED" ? "规划办录入，直接入库" : "录入申报，待入库审核",
      });
      const mismatch = fundingMismatch(v);
      return { id: project.id, version: project.version, admission, warnings: mismatch ? [mismatch] : [] };
    });
  },
});
