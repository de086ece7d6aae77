import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { periodsOfYear } from "@/lib/periods";
import { carryOverCandidatesSchema } from "@/lib/schemas/carry-over";
import { operation } from "@/lib/server/operation";
import { sectionName } from "@/lib/sections";

// The picker of a carry-over into a new plan: the finished plans it can take from, the chosen plan's
// unfinished reporting lines not yet carried (filterable by unit and category), both plans' units and
// categories, and the default mappings (same names) and cut-over period (the new plan's first period).
export const carryOverCandidates = operation({
  permission: "plan.manage",
  input: carryOverCandidatesSchema,
  async run(_actor, v) {
    const to = await db.plan.findUnique({
      where: { id: v.toPlanId },
      include: { units: { where: { retiredAt: null }, orderBy: { sortOrder: "asc" } }, sections: { orderBy: { sortOrder: "asc" } } },
    });
    if (!to) throw new AppError("NOT_FOUND", "找不到该规划。");
    const sources = await db.plan.findMany({
      where: { id: { not: to.id }, periodStart: { lt: to.periodStart } },
      orderBy: { periodStart: "desc" },
      select: { id: true, title: true, reportingCycle: true, periodStart: true, periodEnd: true },
    });
    const fromId = v.fromPlanId ?? sources[0]?.id;
    const from = fromId
      ? await db.plan.findUnique({ where: { id: fromId }, include: { units: { orderBy: { sortOrder: "asc" } }, sections: { orderBy: { sortOrder: "asc" } } } })
      : null;
    const projects = from
      ? await db.project.findMany({
          where: {
            planId: from.id,
            deletedAt: null,
            kind: "PROJECT",
            parentId: null,
            admission: "ADMITTED",
            endPeriod: null,
            successor: null,
            status: { notIn: ["COMPLETED", "IN_USE"] },
            ...(v.unitId && { unitId: v.unitId }),
            ...(v.sectionId && { sectionId: v.sectionId }),
          },
          orderBy: [{ unit: { sortOrder: "asc" } }, { sortOrder: "asc" }, { id: "asc" }],
          select: {
            id: true,
            version: true,
            name: true,
            status: true,
            startYear: true,
            endYear: true,
            totalInvestment: true,
            unitId: true,
            sectionId: true,
            _count: { select: { children: { where: { deletedAt: null } } } },
          },
        })
      : [];
    const byName = <T extends { id: number }>(items: T[], name: (t: T) => string) => new Map(items.map((t) => [name(t), t.id]));
    const toUnits = byName(to.units, (u) => u.name);
    const toSections = byName(to.sections, (s) => s.title);
    return {
      to: {
        id: to.id,
        title: to.title,
        reportingCycle: to.reportingCycle,
        units: to.units.map((u) => ({ id: u.id, name: u.name })),
        sections: to.sections.map((s) => ({ id: s.id, name: sectionName(s) })),
      },
      sources,
      from: from && {
        id: from.id,
        title: from.title,
        reportingCycle: from.reportingCycle,
        units: from.units.map((u) => ({ id: u.id, name: u.name })),
        sections: from.sections.map((s) => ({ id: s.id, name: sectionName(s) })),
      },
      projects: projects.map(({ _count, ...p }) => ({ ...p, totalInvestment: p.totalInvestment?.toString() ?? null, children: _count.children })),
      defaults: {
        cutoverPeriod: periodsOfYear(to.periodStart, to.reportingCycle)[0],
        unitMap: Object.fromEntries((from?.units ?? []).filter((u) => toUnits.has(u.name)).map((u) => [String(u.id), toUnits.get(u.name)!])),
        sectionMap: Object.fromEntries((from?.sections ?? []).filter((s) => toSections.has(s.title)).map((s) => [String(s.id), toSections.get(s.title)!])),
      },
    };
  },
});
