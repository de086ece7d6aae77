import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";

type Tx = Prisma.TransactionClient;

export async function assertUnitsExist(tx: Tx, unitIds: number[]) {
  const found = await tx.reportingUnit.count({ where: { id: { in: unitIds } } });
  if (found !== unitIds.length) throw new AppError("VALIDATION", "所选填报单位不存在。", { unitIds: ["所选填报单位不存在"] });
}

// "岳阳 · 平江县, …" for audit rows; null when none.
export async function unitNames(tx: Tx, unitIds: number[]): Promise<string | null> {
  if (unitIds.length === 0) return null;
  const units = await tx.reportingUnit.findMany({ where: { id: { in: unitIds } }, orderBy: { id: "asc" }, include: { plan: { select: { key: true } } } });
  return units.map((u) => `${u.plan.key}/${u.name}`).join(", ");
}
