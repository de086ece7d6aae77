import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { zhPlans } from "@/lib/i18n/zh-CN-plans";
import { recordId } from "@/lib/schemas/fields";
import { operation } from "@/lib/server/operation";

// What the plan settings page edits: the plan's settings and versions, its units (active and
// retired, with their projects and officers counted), its sections, and the regions to choose from.
export const getPlanAdmin = operation({
  permission: "plan.manage",
  input: z.object({ id: recordId() }),
  async run(_actor, v) {
    const plan = await db.plan.findUnique({
      where: { id: v.id },
      omit: { sourceDocument: true },
      include: { region: { select: { name: true } } },
    });
    if (!plan) throw new AppError("NOT_FOUND", zhPlans.errors.planNotFound);
    const [units, sections, regions, reports, withDocument] = await Promise.all([
      db.reportingUnit.findMany({
        where: { planId: v.id },
        orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
        include: { region: { select: { name: true } }, _count: { select: { officers: true, projects: { where: { deletedAt: null, parentId: null } } } } },
      }),
      db.section.findMany({
        where: { planId: v.id },
        orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
        include: { _count: { select: { projects: { where: { deletedAt: null, parentId: null } } } } },
      }),
      db.region.findMany({ orderBy: [{ level: "asc" }, { name: "asc" }], select: { id: true, name: true, level: true } }),
      db.progressReport.count({ where: { project: { planId: v.id } } }),
      db.plan.count({ where: { id: v.id, sourceDocument: { not: null } } }),
    ]);
    const unitName = new Map(units.map((u) => [u.id, u.name]));
    const shaped = units.map((u) => ({
      id: u.id,
      name: u.name,
      version: u.version,
      regionId: u.regionId,
      region: u.region?.name ?? null,
      retiredAt: u.retiredAt,
      mergedInto: u.mergedIntoId === null ? null : (unitName.get(u.mergedIntoId) ?? null),
      projects: u._count.projects,
      officers: u._count.officers,
    }));
    return {
      plan,
      hasDocument: withDocument > 0,
      cycleLocked: reports > 0,
      units: shaped.filter((u) => u.retiredAt === null),
      retiredUnits: shaped.filter((u): u is (typeof shaped)[number] & { retiredAt: Date } => u.retiredAt !== null),
      sections: sections.map((s) => ({ id: s.id, kind: s.kind, number: s.number, title: s.title, version: s.version, projects: s._count.projects })),
      regions,
    };
  },
});
