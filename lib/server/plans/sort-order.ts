import "server-only";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { zhPlans } from "@/lib/i18n/zh-CN-plans";
import { changesSince } from "@/lib/server/audit/changes-since";
import { recordAuditMany } from "@/lib/server/audit/record-audit";

// Reordering a plan's units or sections: the list sent is the whole list in its new order, each
// item with the version the user saw. All rows are locked; a list that no longer matches (a row
// added, retired or changed since) is refused whole. Rows whose place changes get the new sortOrder,
// a new version and an audit row.
type Tx = Prisma.TransactionClient;
type Target =
  { table: "ReportingUnit"; entityType: "ReportingUnit"; action: "unit.reorder" } | { table: "Section"; entityType: "Section"; action: "section.reorder" };

export async function applyOrder(tx: Tx, target: Target, planId: number, items: { id: number; version: number }[], actorId: number) {
  const live = target.table === "ReportingUnit" ? Prisma.sql`AND "retiredAt" IS NULL` : Prisma.empty;
  const rows = await tx.$queryRaw<{ id: number; version: number; sortOrder: number }[]>`
    SELECT id, version, "sortOrder" FROM ${Prisma.raw(`"${target.table}"`)} WHERE "planId" = ${planId} ${live} ORDER BY id FOR UPDATE`;
  const byId = new Map(rows.map((r) => [r.id, r]));
  if (rows.length !== items.length || items.some((i) => !byId.has(i.id))) throw new AppError("CONFLICT", zhPlans.errors.orderChanged);
  const stale = items.find((i) => byId.get(i.id)!.version !== i.version);
  if (stale) throw new AppError("CONFLICT", zhPlans.errors.orderChanged, undefined, await changesSince(tx, target.entityType, stale.id, stale.version));
  const moved = items.map((item, sortOrder) => ({ ...byId.get(item.id)!, sortOrder, old: byId.get(item.id)!.sortOrder })).filter((r) => r.sortOrder !== r.old);
  if (moved.length === 0) return { moved: 0 };
  await tx.$executeRaw`
    UPDATE ${Prisma.raw(`"${target.table}"`)} t SET "sortOrder" = m."sortOrder", version = t.version + 1
    FROM jsonb_to_recordset(${JSON.stringify(moved)}::jsonb) AS m(id int, "sortOrder" int) WHERE t.id = m.id`;
  await recordAuditMany(
    tx,
    moved.map((r) => ({
      actorId,
      action: target.action,
      entityType: target.entityType,
      entityId: r.id,
      planId,
      entityVersion: r.version + 1,
      changes: [{ field: "sortOrder", old: String(r.old), new: String(r.sortOrder) }],
    })),
  );
  return { moved: moved.length };
}
