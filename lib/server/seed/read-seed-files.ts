import "server-only";
import fs from "node:fs";
import path from "node:path";
import { seedIndicatorsSchema, type SeedIndicators } from "@/lib/schemas/seed-indicators";
import { seedPlanSchema, seedRegionsSchema, type SeedPlan, type SeedRegion } from "@/lib/schemas/seed-plan";

export const SEED_DIR = path.join(process.cwd(), "prisma", "seed-data");

export function readSeedRegions(): SeedRegion[] {
  return seedRegionsSchema.parse(JSON.parse(fs.readFileSync(path.join(SEED_DIR, "regions.json"), "utf8")));
}

export function readSeedPlans(): SeedPlan[] {
  const dir = path.join(SEED_DIR, "plans");
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => {
      const parsed = seedPlanSchema.safeParse(JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")));
      if (!parsed.success) throw new Error(`${f}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
      return parsed.data;
    });
}

export function readSeedIndicators(): SeedIndicators[] {
  const dir = path.join(SEED_DIR, "indicators");
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => seedIndicatorsSchema.parse(JSON.parse(fs.readFileSync(path.join(dir, f), "utf8"))));
}
