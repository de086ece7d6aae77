import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { grantOf, type Action } from "@/lib/permissions";
import type { SessionUser } from "./current-user";

// The record a permission is checked against. Its reporting unit is always read from the
// database here, never taken from the request.
export type RecordRef = { project: number } | { unit: number } | { milestone: number } | { report: number } | null;

async function unitOf(ref: Exclude<RecordRef, null>): Promise<number | null> {
  if ("unit" in ref) return (await db.reportingUnit.findUnique({ where: { id: ref.unit }, select: { id: true } }))?.id ?? null;
  const projectId =
    "project" in ref
      ? ref.project
      : "milestone" in ref
        ? (await db.milestone.findUnique({ where: { id: ref.milestone }, select: { projectId: true } }))?.projectId
        : (await db.progressReport.findUnique({ where: { id: ref.report }, select: { projectId: true } }))?.projectId;
  if (projectId === undefined) throw new AppError("NOT_FOUND", "找不到该记录。");
  const project = await db.project.findFirst({ where: { id: projectId, deletedAt: null }, select: { unitId: true } });
  if (!project) throw new AppError("NOT_FOUND", "找不到该记录。");
  return project.unitId;
}

export async function can(user: SessionUser, action: Action, ref: RecordRef = null): Promise<boolean> {
  const grant = grantOf(user.role, action);
  if (!grant) return false;
  if (grant === "all" || ref === null) return grant === "all";
  const unitId = await unitOf(ref);
  return unitId !== null && user.unitIds.includes(unitId);
}

export async function authorize(user: SessionUser, action: Action, ref: RecordRef = null): Promise<void> {
  if (!(await can(user, action, ref))) throw new AppError("FORBIDDEN", "您没有权限执行此操作。");
}
