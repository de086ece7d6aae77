import "server-only";
import { z } from "zod";
import { chinaDayEnd, chinaDayStart } from "@/lib/dates";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { operation } from "@/lib/server/operation";
import { readableAudit } from "./readable-audit";
import { auditFiltersSchema } from "@/lib/schemas/audit";
import { recordId } from "@/lib/schemas/fields";

export const AUDIT_PAGE_SIZE = 50;

export { auditFiltersSchema };
export type AuditFilters = z.infer<typeof auditFiltersSchema>;

export function auditWhere(f: Omit<AuditFilters, "project" | "page">): Prisma.AuditEventWhereInput {
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

// A project's records in the audit trail: the project itself and what is filed under it, each audited
// under its own type (reports, annual plans, milestones, 调整申请 and 调出申请).
export async function projectScope(projectId: number): Promise<Prisma.AuditEventWhereInput> {
  const where = { where: { projectId }, select: { id: true } } as const;
  const [reports, annuals, milestones, requests] = await Promise.all([
    db.progressReport.findMany(where),
    db.annualPlanAmount.findMany(where),
    db.milestone.findMany(where),
    db.projectChangeRequest.findMany(where),
  ]);
  const of = (entityType: string, rows: { id: number }[]) => ({ entityType, entityId: { in: rows.map((r) => String(r.id)) } });
  return {
    OR: [
      { entityType: "Project", entityId: String(projectId) },
      of("ProgressReport", reports),
      of("AnnualPlanAmount", annuals),
      of("Milestone", milestones),
      of("ProjectChangeRequest", requests),
    ],
  };
}

// The project the filters select, if any: `project`, or 对象类型 项目 with its number. Either selects
// the project with everything filed under it; the other filters narrow that down.
function filteredProject(f: AuditFilters) {
  const id = f.project === undefined && f.entityType === "Project" ? recordId().safeParse(f.entityId) : null;
  return id?.success ? { projectId: id.data, rest: { ...f, entityType: undefined, entityId: undefined } } : { projectId: f.project, rest: f };
}

export async function auditQuery(f: AuditFilters): Promise<Prisma.AuditEventWhereInput> {
  const { projectId, rest } = filteredProject(f);
  if (projectId === undefined) return auditWhere(rest);
  return { AND: [auditWhere(rest), await projectScope(projectId)] };
}

// The audit log with its filters (any filter that does not parse is dropped), one page, readable.
export const listAudit = operation({
  permission: "audit.readAll",
  input: auditFiltersSchema,
  async run(_actor, f) {
    const where = await auditQuery(f);
    const { projectId } = filteredProject(f);
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
    const project = projectId === undefined ? null : await db.project.findUnique({ where: { id: projectId }, select: { id: true, name: true } });
    return {
      total,
      pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)),
      project,
      rows: await readableAudit(rows),
    };
  },
});

// A project's history as its page shows it: its own facts and everything filed under it.
export const projectHistory = operation({
  permission: "plan.read",
  input: z.object({ projectId: recordId() }),
  async run(_actor, { projectId }) {
    const rows = await db.auditEvent.findMany({
      where: await projectScope(projectId),
      orderBy: { id: "desc" },
      take: 200,
      include: { actor: { select: { username: true, displayName: true } } },
    });
    return { rows: await readableAudit(rows) };
  },
});
