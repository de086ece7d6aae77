import "server-only";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { zhPlans } from "@/lib/i18n/zh-CN-plans";

type Tx = Prisma.TransactionClient;
type RegionLevel = "PROVINCE" | "PREFECTURE" | "CITY" | "COUNTY";
const E = zhPlans.errors;

// The plan's region: an existing one by id, or one named by the user. A name that exists already is
// that region (names are unique) when the levels agree; a new name creates it. Returns the region
// and whether it was created (for the audit row).
export async function resolveRegion(tx: Tx, v: { regionId: number | null; regionName: string; regionLevel?: RegionLevel | null }) {
  if (v.regionId !== null) {
    const region = await tx.region.findUnique({ where: { id: v.regionId } });
    if (!region) throw new AppError("VALIDATION", E.regionNotFound, { regionId: [E.regionNotFound] });
    return { region, created: false };
  }
  const level = v.regionLevel!;
  // ON CONFLICT: two plans naming the same new region at once both get the one row.
  const [row] = await tx.$queryRaw<{ id: number; name: string; level: RegionLevel; inserted: boolean }[]>`
    INSERT INTO "Region" (name, level) VALUES (${v.regionName}, ${level}::"RegionLevel")
    ON CONFLICT (name) DO UPDATE SET name = EXCLUDED.name
    RETURNING id, name, level::text AS level, (xmax = 0) AS inserted`;
  if (row.level !== level) {
    const message = E.regionLevelDiffers(row.name, zhPlans.regionLevel[row.level]);
    throw new AppError("VALIDATION", message, { regionLevel: [message] });
  }
  return { region: { id: row.id, name: row.name, level: row.level }, created: row.inserted };
}
