import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { FieldChange } from "@/lib/server/audit/record-audit";

export type ChangeSince = { at: string; actor: string | null; changes: FieldChange[]; reason: string | null };

// What others saved after the version a stale form was based on (shown with a conflict).
export async function changesSince(tx: Prisma.TransactionClient, entityType: string, entityId: number, version: number): Promise<ChangeSince[]> {
  const events = await tx.auditEvent.findMany({
    where: { entityType, entityId: String(entityId), entityVersion: { gt: version } },
    orderBy: { id: "asc" },
    include: { actor: { select: { displayName: true } } },
  });
  return events.map((e) => ({ at: e.at.toISOString(), actor: e.actor?.displayName ?? null, changes: e.changes as FieldChange[], reason: e.reason }));
}
