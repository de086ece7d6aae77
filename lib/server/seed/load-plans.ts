import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { SeedPlan, SeedRegion } from "@/lib/schemas/seed-plan";
import { yiToWan } from "@/lib/money";
import { addTemplateMilestones } from "@/lib/server/milestones/template";

// Loads regions and plans from the seed data files. A plan whose key already exists is left as it
// is, so loading twice changes nothing.
export async function loadSeed(db: PrismaClient, regions: SeedRegion[], plans: SeedPlan[]) {
  const regionIds = await loadRegions(db, regions);
  const loaded: string[] = [];
  for (const plan of plans) {
    if (await db.plan.findUnique({ where: { key: plan.plan.key } })) continue;
    await loadPlan(db, plan, regionIds);
    loaded.push(plan.plan.key);
  }
  return loaded;
}

async function loadRegions(db: PrismaClient, regions: SeedRegion[]) {
  const ids = new Map<string, number>();
  // Parents first: the file may list them in any order.
  const pending = [...regions];
  while (pending.length) {
    const idx = pending.findIndex((r) => r.parent === null || ids.has(r.parent));
    if (idx < 0) throw new Error(`regions.json: unknown parent for ${pending.map((r) => r.name).join(", ")}`);
    const [r] = pending.splice(idx, 1);
    const row = await db.region.upsert({
      where: { name: r.name },
      update: {},
      create: { name: r.name, level: r.level, parentId: r.parent ? ids.get(r.parent)! : null },
    });
    ids.set(r.name, row.id);
  }
  return ids;
}

async function loadPlan(db: PrismaClient, seed: SeedPlan, regionIds: Map<string, number>) {
  const region = (name: string | null) => {
    if (name === null) return null;
    const id = regionIds.get(name);
    if (id === undefined) throw new Error(`${seed.plan.key}: unknown region ${name}`);
    return id;
  };
  await db.$transaction(
    async (tx) => {
      const plan = await tx.plan.create({
        data: {
          key: seed.plan.key,
          title: seed.plan.title,
          level: seed.plan.level,
          regionId: region(seed.plan.regionName)!,
          periodStart: seed.plan.periodStart,
          periodEnd: seed.plan.periodEnd,
          sourceFile: seed.plan.sourceFile,
          hasProjectList: seed.plan.hasProjectList,
        },
      });
      const unitIds = new Map<string, number>();
      for (const [i, u] of seed.units.entries()) {
        const row = await tx.reportingUnit.create({ data: { planId: plan.id, name: u.name, regionId: region(u.regionName), sortOrder: i } });
        unitIds.set(u.name, row.id);
      }
      const sectionIds = new Map<string, number>();
      for (const [i, s] of seed.sections.entries()) {
        const row = await tx.section.create({
          data: { planId: plan.id, key: s.key, kind: s.kind, number: s.number, title: s.title, locator: s.locator, sortOrder: i },
        });
        sectionIds.set(s.key, row.id);
      }
      const projectIds = new Map<string, number>();
      const ordered = [...seed.projects.filter((p) => !p.parent), ...seed.projects.filter((p) => p.parent)];
      for (const p of ordered) {
        const ref = <T>(map: Map<string, T>, key: string, what: string) => {
          const v = map.get(key);
          if (v === undefined) throw new Error(`${seed.plan.key}/${p.key}: unknown ${what} ${key}`);
          return v;
        };
        const row = await tx.project.create({
          data: {
            planId: plan.id,
            key: p.key,
            sectionId: ref(sectionIds, p.section, "section"),
            unitId: p.unit === null ? null : ref(unitIds, p.unit, "unit"),
            parentId: p.parent === null ? null : ref(projectIds, p.parent, "parent"),
            kind: p.kind,
            name: p.name,
            owner: p.owner,
            startYear: p.startYear,
            endYear: p.endYear,
            totalInvestment: p.investmentYi === null ? null : yiToWan(p.investmentYi).toFixed(),
            sourceFile: seed.plan.sourceFile,
            sourceLocator: p.locator,
            sourceText: p.sourceText,
            sortOrder: seed.projects.indexOf(p),
          },
        });
        projectIds.set(p.key, row.id);
      }
      const parents = new Set(seed.projects.map((p) => p.parent).filter(Boolean));
      await addTemplateMilestones(
        tx,
        seed.projects.filter((p) => p.kind === "PROJECT" && !parents.has(p.key)).map((p) => projectIds.get(p.key)!),
      );
      await tx.dataWarning.createMany({
        data: seed.warnings.map((w) => ({
          planId: plan.id,
          target: w.target === "plan" ? "PLAN" : w.target === "section" ? "SECTION" : "PROJECT",
          sectionId: w.target === "section" ? (sectionIds.get(w.key!) ?? null) : null,
          projectId: w.target === "project" ? (projectIds.get(w.key!) ?? null) : null,
          code: w.code,
          message: w.message,
        })),
      });
      await tx.auditEvent.create({
        data: {
          action: "seed.load",
          entityType: "Plan",
          entityId: String(plan.id),
          planId: plan.id,
          changes: [{ field: "projects", old: null, new: String(seed.projects.length) }],
          reason: `从 ${seed.plan.sourceFile} 载入`,
        },
      });
    },
    { timeout: 60_000 },
  );
}
