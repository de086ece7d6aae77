import "server-only";
import { z } from "zod";
import { operation } from "@/lib/server/operation";
import { db } from "@/lib/db";
import type { FieldChange } from "@/lib/server/audit/record-audit";
import { sectionName } from "@/lib/sections";
import { recordId } from "@/lib/schemas/fields";

// Reads of 调整申请: the open one of a project (project and edit pages) and the reviewer's queue.
export const openChangeRequest = operation({
  permission: "plan.read",
  input: z.object({ projectId: recordId() }),
  async run(_actor, { projectId }) {
    const open = await db.projectChangeRequest.findFirst({ where: { projectId, status: "SUBMITTED" }, orderBy: { id: "desc" } });
    return open && (await withNames([open]))[0];
  },
});

export function changeRequestQueue() {
  return db.projectChangeRequest.findMany({
    where: { status: "SUBMITTED", project: { deletedAt: null } },
    orderBy: { createdAt: "asc" },
    take: 500,
    include: { project: { select: { id: true, name: true, unit: { select: { name: true } }, plan: { select: { title: true } } } } },
  });
}

// 调整申请 list unit and category changes by id; reviewers read names.
export async function withNames<T extends { changes: unknown }>(requests: T[]) {
  const ids = (field: string) =>
    requests
      .flatMap((r) => (r.changes as FieldChange[]).filter((c) => c.field === field).flatMap((c) => [c.old, c.new]))
      .filter((x): x is string => x !== null)
      .map(Number);
  const [units, sections] = await Promise.all([
    db.reportingUnit.findMany({ where: { id: { in: ids("unitId") } }, select: { id: true, name: true } }),
    db.section.findMany({ where: { id: { in: ids("sectionId") } }, select: { id: true, number: true, title: true } }),
  ]);
  const names = { unitId: new Map(units.map((u) => [String(u.id), u.name])), sectionId: new Map(sections.map((s) => [String(s.id), sectionName(s)])) };
  const named = (field: string, v: string | null) => (v !== null && (field === "unitId" || field === "sectionId") ? (names[field].get(v) ?? v) : v);
  return requests.map((r) => ({ ...r, display: (r.changes as FieldChange[]).map((c) => ({ ...c, old: named(c.field, c.old), new: named(c.field, c.new) })) }));
}
