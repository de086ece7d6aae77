import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";

export type FieldChange = { field: string; old: string | null; new: string | null };

type Tx = Prisma.TransactionClient;

export type AuditInput = {
  actorId: number | null;
  action: string;
  entityType: string;
  entityId: string | number;
  planId?: number | null;
  unitId?: number | null;
  entityVersion?: number | null;
  changes: FieldChange[];
  reason?: string | null;
};

const asText = (v: unknown): string | null => {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return v.map(String).join(",");
  return String(v); // Prisma.Decimal prints exactly
};

// Field-by-field old → new for the given fields, as strings (decimals exact), only where they differ.
export function diffFields<T extends Record<string, unknown>>(before: Partial<T> | null, after: Partial<T>, fields: (keyof T & string)[]): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of fields) {
    const o = asText(before?.[field]);
    const n = asText(after[field]);
    if (o !== n) changes.push({ field, old: o, new: n });
  }
  return changes;
}

// Written inside the caller's transaction: no change without its audit row, and no audit row for a
// change that rolled back. AuditEvent rows are never updated or deleted (a database trigger refuses).
export async function recordAudit(tx: Tx, e: AuditInput) {
  await tx.auditEvent.create({ data: auditRow(e) });
}

function auditRow(e: AuditInput) {
  return {
    actorId: e.actorId,
    action: e.action,
    entityType: e.entityType,
    entityId: String(e.entityId),
    planId: e.planId ?? null,
    unitId: e.unitId ?? null,
    entityVersion: e.entityVersion ?? null,
    changes: e.changes,
    reason: e.reason || null,
  };
}

// The same for many records at once (an import writes one event per project): one INSERT per
// thousand events from a JSON array, still inside the caller's transaction.
export async function recordAuditMany(tx: Tx, events: AuditInput[]) {
  for (let i = 0; i < events.length; i += 1000) {
    const rows = events.slice(i, i + 1000).map(auditRow);
    await tx.$executeRaw`
      INSERT INTO "AuditEvent" ("actorId", action, "entityType", "entityId", "planId", "unitId", "entityVersion", changes, reason)
      SELECT e."actorId", e.action, e."entityType", e."entityId", e."planId", e."unitId", e."entityVersion", e.changes, e.reason
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        AS e("actorId" int, action text, "entityType" text, "entityId" text, "planId" int, "unitId" int, "entityVersion" int, changes jsonb, reason text)`;
  }
}
