import { z } from "zod";

// Shape of prisma/seed-data/plans/*.json (derived from the plan documents; see scripts/seed-data/).
const decimalString = z.string().regex(/^\d+(\.\d+)?$/, "amount must be a plain decimal string");

export const seedPlanSchema = z.object({
  plan: z.object({
    key: z.string().min(1),
    title: z.string().min(1),
    level: z.enum(["PROVINCE", "CITY", "PREFECTURE", "DISTRICT"]),
    regionName: z.string().min(1),
    periodStart: z.number().int(),
    periodEnd: z.number().int(),
    sourceFile: z.string().min(1),
    hasProjectList: z.boolean(),
  }),
  units: z.array(z.object({ name: z.string().min(1), regionName: z.string().nullable() })),
  sections: z.array(
    z.object({
      key: z.string().min(1),
      kind: z.enum(["COLUMN", "CATEGORY", "CHAPTER"]),
      number: z.string().nullable(),
      title: z.string().min(1),
      locator: z.string().min(1),
    }),
  ),
  projects: z.array(
    z.object({
      key: z.string().min(1),
      section: z.string().min(1),
      unit: z.string().nullable(),
      kind: z.enum(["PROJECT", "PROGRAMME"]),
      name: z.string().min(1),
      owner: z.string().nullable(),
      startYear: z.number().int().nullable(),
      endYear: z.number().int().nullable(),
      investmentYi: decimalString.nullable(),
      parent: z.string().nullable(),
      locator: z.string().min(1),
      sourceText: z.string().min(1),
    }),
  ),
  warnings: z.array(
    z.object({
      target: z.enum(["plan", "section", "project"]),
      key: z.string().nullable(),
      code: z.string().min(1),
      message: z.string().min(1),
    }),
  ),
});

export const seedRegionsSchema = z.array(
  z.object({ name: z.string().min(1), level: z.enum(["PROVINCE", "PREFECTURE", "CITY", "COUNTY"]), parent: z.string().nullable() }),
);

export type SeedPlan = z.infer<typeof seedPlanSchema>;
export type SeedRegion = z.infer<typeof seedRegionsSchema>[number];
