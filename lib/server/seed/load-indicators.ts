import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { SeedIndicators } from "@/lib/schemas/seed-indicators";
import { indicatorFromPrinted } from "@/lib/server/indicators/indicator-row";

// Loads the plans' 主要指标 from the seed files: a plan that has indicators already is left as it
// is, so loading twice changes nothing. The source's own warnings and unparsed targets become the
// plan's data-quality warnings.
export async function loadIndicators(db: PrismaClient, files: SeedIndicators[]) {
  const loaded: string[] = [];
  for (const file of files) {
    const plan = await db.plan.findUnique({ where: { key: file.plan.key }, select: { id: true } });
    if (!plan || (await db.indicator.count({ where: { planId: plan.id } }))) continue;
    await db.$transaction(async (tx) => {
      for (const [sortOrder, i] of file.indicators.entries()) {
        const { data, warnings } = indicatorFromPrinted(i);
        const row = await tx.indicator.create({
          data: {
            planId: plan.id,
            category: i.category,
            seq: i.seq,
            sortOrder,
            name: i.name,
            shortName: i.shortName,
            unit: i.unit,
            attribute: i.attribute === "约束性" ? "BINDING" : i.attribute === "预期性" ? "EXPECTED" : null,
            baselineYear: i.baselineYear,
            baselineText: i.baselineText,
            targetYear: i.targetYear,
            targetText: i.targetText,
            ...data,
            sourceKind: "DOCUMENT",
            sourceFile: i.source.file,
            sourceLine: i.source.line,
            sourceText: i.source.text,
          },
        });
        const all = [...i.warnings, ...warnings];
        if (all.length)
          await tx.dataWarning.createMany({
            data: all.map((w) => ({ planId: plan.id, target: "INDICATOR" as const, indicatorId: row.id, code: w.code, message: w.message })),
          });
      }
      if (file.warnings.length)
        await tx.dataWarning.createMany({ data: file.warnings.map((w) => ({ planId: plan.id, target: "PLAN" as const, code: w.code, message: w.message })) });
      await tx.auditEvent.create({
        data: {
          action: "seed.indicators",
          entityType: "Plan",
          entityId: String(plan.id),
          planId: plan.id,
          changes: [{ field: "indicators", old: null, new: String(file.indicators.length) }],
          reason: `从 ${file.plan.sourceFile} 载入主要指标`,
        },
      });
    });
    loaded.push(file.plan.key);
  }
  return loaded;
}
