import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { projectAdmitSchema } from "@/lib/schemas/project-entry";
import { recordAudit } from "@/lib/server/audit/record-audit";
import type { SessionUser } from "@/lib/server/auth/current-user";
import { assertNotOwnSubmission } from "@/lib/server/auth/not-own-submission";
import { operation } from "@/lib/server/operation";
import { assertPlanWritable } from "@/lib/server/plans/plan-writable";

// 入库 review: the plan office admits entered projects (申报 → 入库: they count in official figures
// from then on) or returns them with a comment for the officer to edit and resubmit. Each decision
// applies only to the version and state the reviewer saw; never to one's own entry. Several at once
// are decided all or none; bundle lines before their sub-projects.
export const admitProjects = operation({
  permission: "project.admit",
  input: projectAdmitSchema,
  async run(actor, v) {
    const approve = v.decision === "APPROVE";
    return db.$transaction(async (tx) => {
      const rows = await tx.project.findMany({ where: { id: { in: v.items.map((i) => i.id) } }, select: { id: true, parentId: true } });
      const isSub = new Map(rows.map((r) => [r.id, r.parentId !== null]));
      const items = [...v.items].sort((a, b) => Number(isSub.get(a.id) ?? false) - Number(isSub.get(b.id) ?? false));
      for (const item of items) await decide(tx, actor, item, approve, v.comment);
      return { count: v.items.length };
    });
  },
});

async function decide(tx: Prisma.TransactionClient, actor: SessionUser, v: { id: number; version: number }, approve: boolean, comment: string) {
  const project = await tx.project.findFirst({ where: { id: v.id, deletedAt: null }, include: { parent: { select: { name: true, admission: true } } } });
  if (!project) throw new AppError("NOT_FOUND", "找不到该项目。");
  await assertPlanWritable(tx, project.planId);
  const stale = new AppError("CONFLICT", `「${project.name}」的申报状态已变化（可能已被修改或由其他审核人处理），请刷新后重新审核。本次审核未作任何修改。`);
  if (project.admission !== "PROPOSED" || project.version !== v.version) throw stale;
  assertNotOwnSubmission(actor, project.enteredById, "项目申报");
  if (approve && project.parent && project.parent.admission !== "ADMITTED") {
    throw new AppError("VALIDATION", `「${project.name}」所属的打包项目「${project.parent.name}」尚未入库，请先（或同时）审核该打包项目。`);
  }
  const decided = await tx.project.updateMany({
    where: { id: v.id, version: v.version, admission: "PROPOSED", deletedAt: null },
    data: { admission: approve ? "ADMITTED" : "RETURNED", admissionComment: approve ? null : comment, version: { increment: 1 } },
  });
  if (decided.count === 0) throw stale;
  await recordAudit(tx, {
    actorId: actor.id,
    action: approve ? "project.admit" : "project.return",
    entityType: "Project",
    entityId: v.id,
    planId: project.planId,
    unitId: project.unitId,
    entityVersion: v.version + 1,
    changes: [{ field: "admission", old: "PROPOSED", new: approve ? "ADMITTED" : "RETURNED" }],
    reason: comment || null,
  });
}
