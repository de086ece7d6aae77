import "server-only";
import { db } from "@/lib/db";
import { planCreateSchema } from "@/lib/schemas/plan";
import { diffFields, recordAudit } from "@/lib/server/audit/record-audit";
import { operation } from "@/lib/server/operation";
import { nextId } from "./next-id";
import { readPlanDocument } from "./plan-document";
import { resolveRegion } from "./region";

// The plan office sets up a new plan (e.g. a 十五五 plan): title, level, region (existing or new),
// period, reporting cycle, money unit and optionally its document. Units, sections and projects
// follow on the settings page and by import.
export const PLAN_FIELDS = ["title", "level", "region", "periodStart", "periodEnd", "reportingCycle", "moneyUnit", "sourceFile"] as const;

export const createPlan = operation({
  permission: "plan.manage",
  input: planCreateSchema,
  async run(actor, v) {
    // The document is read before the transaction: a bad file changes nothing.
    const document = v.document ? await readPlanDocument(v.document) : null;
    return db.$transaction(async (tx) => {
      const { region, created } = await resolveRegion(tx, v);
      const id = await nextId(tx, "Plan");
      const plan = await tx.plan.create({
        data: {
          id,
          key: planKey(v.title, id),
          title: v.title,
          level: v.level,
          regionId: region.id,
          periodStart: v.periodStart,
          periodEnd: v.periodEnd,
          reportingCycle: v.reportingCycle,
          moneyUnit: v.moneyUnit,
          hasProjectList: true,
          sourceFile: document?.sourceFile ?? null,
          sourceDocument: document?.sourceDocument ?? null,
        },
      });
      const changes = diffFields(null, { ...plan, region: created ? `${region.name}（新建）` : region.name }, [...PLAN_FIELDS]);
      await recordAudit(tx, {
        actorId: actor.id,
        action: "plan.create",
        entityType: "Plan",
        entityId: plan.id,
        planId: plan.id,
        entityVersion: plan.version,
        changes,
      });
      return { id: plan.id, key: plan.key, version: plan.version };
    });
  },
});

// Unique by its id; the ASCII words of the title, if any, keep it readable ("plan-7", "plan-2026-2030-7").
function planKey(title: string, id: number) {
  const slug = (title.toLowerCase().match(/[a-z0-9]+/g) ?? []).join("-").slice(0, 40);
  return ["plan", slug, id].filter(Boolean).join("-");
}
