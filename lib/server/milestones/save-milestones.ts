import "server-only";
import { assertPlanWritable } from "@/lib/server/plans/plan-writable";
import { operation } from "@/lib/server/operation";
import { chinaToday, dateColumn, formatDate } from "@/lib/dates";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { statusFromMilestones } from "@/lib/milestones";
import { milestonesSaveSchema } from "@/lib/schemas/milestones";
import { diffFields, recordAudit } from "@/lib/server/audit/record-audit";
import { authorize } from "@/lib/server/auth/authorize";
import { syncProjectStatus } from "./sync-project-status";

const toDate = (s: string | null) => (s ? dateColumn(s) : null);
const dateText = (d: Date | null) => (d ? formatDate(d) : null);

// Saves a project's whole milestone list: rows with an id are updated (each checked against its
// version), rows without one are added, rows left out are dropped (soft delete). The list order is
// the display order. The list as a whole is versioned: a form loaded before someone else's save is a
// conflict (otherwise its missing rows would delete what the other added). Then the project's status
// follows the milestones unless it was set by hand.
export const saveMilestones = operation({
  permission: "milestone.write",
  input: milestonesSaveSchema,
  async run(actor, v) {
    await authorize(actor, "milestone.write", { project: v.projectId });
    const today = chinaToday();
    const future = v.milestones.findIndex((m) => m.actualDate && m.actualDate > today);
    if (future >= 0) throw new AppError("VALIDATION", "实际完成日期不能晚于今天。", { [`milestones.${future}.actualDate`]: ["实际完成日期不能晚于今天"] });

    return db.$transaction(async (tx) => {
      // Serialise concurrent saves of the same project's milestones.
      await tx.$queryRaw`SELECT id FROM "Project" WHERE id = ${v.projectId} FOR UPDATE`;
      const project = await tx.project.findFirstOrThrow({ where: { id: v.projectId, deletedAt: null } });
      await assertPlanWritable(tx, project.planId);
      if (project.milestonesVersion !== v.listVersion)
        throw new AppError("CONFLICT", "保存失败：在您编辑期间，其他人已修改了本项目的节点（新增、删除或修改）。请刷新页面查看最新节点后重新编辑。");
      let changed = false;
      const existing = await tx.milestone.findMany({ where: { projectId: v.projectId, deletedAt: null } });
      const byId = new Map(existing.map((m) => [m.id, m]));
      const audit = (action: string, entityId: number, changes: ReturnType<typeof diffFields>, entityVersion: number) =>
        recordAudit(tx, {
          actorId: actor.id,
          action,
          entityType: "Milestone",
          entityId,
          planId: project.planId,
          unitId: project.unitId,
          entityVersion,
          changes,
          reason: v.reason,
        });

      const kept = new Set<number>();
      for (const [sortOrder, m] of v.milestones.entries()) {
        const next = {
          name: m.name,
          plannedDate: toDate(m.plannedDate),
          actualDate: toDate(m.actualDate),
          docNumber: m.docNumber || null,
          docDate: toDate(m.docDate),
          sortOrder,
        };
        const docs = { docNumber: m.docNumber || null, docDate: m.docDate };
        if (m.id === undefined) {
          changed = true;
          const created = await tx.milestone.create({ data: { ...next, projectId: v.projectId, code: null, state: next.actualDate ? "DONE" : "PENDING" } });
          await audit(
            "milestone.add",
            created.id,
            diffFields(null, { name: m.name, plannedDate: m.plannedDate, actualDate: m.actualDate, ...docs }, [
              "name",
              "plannedDate",
              "actualDate",
              "docNumber",
              "docDate",
            ]),
            1,
          );
          continue;
        }
        const current = byId.get(m.id);
        if (!current) throw new AppError("NOT_FOUND", "节点不存在或已被删除，请刷新后重试。");
        kept.add(m.id);
        const changes = diffFields(
          {
            name: current.name,
            plannedDate: dateText(current.plannedDate),
            actualDate: dateText(current.actualDate),
            docNumber: current.docNumber,
            docDate: dateText(current.docDate),
            sortOrder: current.sortOrder,
          },
          { name: m.name, plannedDate: m.plannedDate, actualDate: m.actualDate, ...docs, sortOrder },
          ["name", "plannedDate", "actualDate", "docNumber", "docDate", "sortOrder"],
        );
        if (changes.length === 0) continue;
        changed = true;
        const updated = await tx.milestone.updateMany({
          where: { id: m.id, version: m.version ?? -1 },
          data: { ...next, state: next.actualDate ? "DONE" : "PENDING", version: { increment: 1 } },
        });
        if (updated.count === 0) throw new AppError("CONFLICT", `保存失败：节点「${current.name}」在您编辑期间已被他人修改，请刷新后重新编辑。`);
        // Reordering alone is not worth an audit row per milestone; content changes are.
        const content = changes.filter((c) => c.field !== "sortOrder");
        if (content.length) await audit("milestone.update", m.id, content, current.version + 1);
      }
      for (const m of existing.filter((e) => !kept.has(e.id))) {
        changed = true;
        await tx.milestone.update({ where: { id: m.id }, data: { deletedAt: new Date(), version: { increment: 1 } } });
        await audit("milestone.remove", m.id, [{ field: "name", old: m.name, new: null }], m.version + 1);
      }
      if (!changed) return { projectId: v.projectId, status: project.status, listVersion: v.listVersion };
      await tx.project.update({ where: { id: project.id }, data: { milestonesVersion: { increment: 1 } } });
      const all = await tx.milestone.findMany({ where: { projectId: v.projectId, deletedAt: null } });
      const status = await syncProjectStatus(tx, project, statusFromMilestones(all), actor.id);
      return { projectId: v.projectId, status, listVersion: v.listVersion + 1 };
    });
  },
});
