import "server-only";
import { z } from "zod";
import { chinaDayEnd, chinaDayStart } from "@/lib/dates";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { operation } from "@/lib/server/operation";
import type { FieldChange } from "./record-audit";
import { auditFiltersSchema } from "@/lib/schemas/audit";
import { recordId } from "@/lib/schemas/fields";

export const AUDIT_PAGE_SIZE = 50;

export { auditFiltersSchema };
export type AuditFilters = z.infer<typeof auditFiltersSchema>;

export function auditWhere(f: AuditFilters): Prisma.AuditEventWhereInput {
  return {
    ...(f.entityType && { entityType: f.entityType }),
    ...(f.entityId && { entityId: f.entityId }),
    ...(f.action && { action: { startsWith: f.action } }),
    ...(f.actor && { actor: { username: f.actor } }),
    ...((f.from || f.to) && {
      // Days are China's: "from" its 00:00, "to" through its 24:00.
      at: { ...(f.from && { gte: chinaDayStart(f.from) }), ...(f.to && { lt: chinaDayEnd(f.to) }) },
    }),
  };
}

// The audit log with its filters (any filter that does not parse is dropped), one page.
export const listAudit = operation({
  permission: "audit.readAll",
  input: auditFiltersSchema,
  async run(_actor, f) {
    const where = auditWhere(f);
    const [total, rows] = await db.$transaction([
      db.auditEvent.count({ where }),
      db.auditEvent.findMany({
        where,
        orderBy: { id: "desc" },
        skip: (f.page - 1) * AUDIT_PAGE_SIZE,
        take: AUDIT_PAGE_SIZE,
        include: { actor: { select: { username: true, displayName: true } } },
      }),
    ]);
    return {
      total,
      pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)),
      rows: rows.map((r) => ({ ...r, id: r.id.toString(), changes: r.changes as FieldChange[] })),
    };
  },
});

// A project's history as its page shows it: its own facts, its milestones and its reports.
export const projectHistory = operation({
  permission: "plan.read",
  input: z.object({ projectId: recordId() }),
  async run(_actor, { projectId }) {
    const [reports, milestones] = await Promise.all([
      db.progressReport.findMany({ where: { projectId }, select: { id: true } }),
      db.milestone.findMany({ where: { projectId }, select: { id: true } }),
    ]);
    const ids = (rows: { id: number }[]) => rows.map((r) => String(r.id));
    const rows = await db.auditEvent.findMany({
      where: {
        OR: [
          { entityType: "Project", entityId: String(projectId) },
          { entityType: "ProgressReport", entityId: { in: ids(reports) } },
          { entityType: "Milestone", entityId: { in: ids(milestones) } },
        ],
      },
      orderBy: { id: "desc" },
      take: 200,
      include: { actor: { select: { username: true, displayName: true } } },
    });
    return { rows: rows.map((r) => ({ ...r, id: r.id.toString(), changes: r.changes as FieldChange[] })) };
  },
});
