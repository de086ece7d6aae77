import "server-only";
import { AppError } from "@/lib/errors";
import { type Prisma } from "@/lib/generated/prisma/client";
import { zhPlans } from "@/lib/i18n/zh-CN-plans";

// Checks shared by the unit operations.
type Tx = Prisma.TransactionClient;
const E = zhPlans.errors;

export async function regionName(tx: Tx, regionId: number | null): Promise<string | null> {
  if (regionId === null) return null;
  const region = await tx.region.findUnique({ where: { id: regionId }, select: { name: true } });
  if (!region) throw new AppError("VALIDATION", E.regionNotFound, { regionId: [E.regionNotFound] });
  return region.name;
}

// Names are unique within a plan, retired units included (the database says so too).
export async function assertUnitNameFree(tx: Tx, planId: number, name: string, exceptId?: number) {
  const clash = await tx.reportingUnit.findFirst({ where: { planId, name, ...(exceptId && { id: { not: exceptId } }) }, select: { id: true } });
  if (clash) throw nameTaken(name);
}

export const nameTaken = (name: string) => new AppError("VALIDATION", E.unitExists(name), { name: [E.unitExists(name)] });
