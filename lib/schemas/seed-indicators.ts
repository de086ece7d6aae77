import { z } from "zod";

const warning = z.object({ code: z.string(), message: z.string() });

// prisma/seed-data/indicators/*.json, written by scripts/seed-data/extract-indicators.mjs: a plan's
// 主要指标 exactly as printed, each with its source row (checked by check-indicators.mjs).
export const seedIndicatorsSchema = z.object({
  plan: z.object({ key: z.string(), title: z.string(), sourceFile: z.string() }),
  indicators: z.array(
    z.object({
      key: z.string(),
      category: z.string().nullable(),
      seq: z.string().nullable(),
      name: z.string(),
      shortName: z.string(),
      unit: z.string().nullable(),
      baselineYear: z.number().int().nullable(),
      baselineText: z.string().nullable(),
      targetYear: z.number().int().nullable(),
      targetText: z.string().nullable(),
      attribute: z.enum(["预期性", "约束性"]).nullable(),
      source: z.object({ file: z.string(), line: z.number().int(), text: z.string() }),
      warnings: z.array(warning),
    }),
  ),
  warnings: z.array(warning),
});
export type SeedIndicators = z.infer<typeof seedIndicatorsSchema>;
