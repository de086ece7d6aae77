import "server-only";
import { cache } from "react";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { grantOf, type Action } from "@/lib/permissions";
import type { SessionUser } from "./current-user";

// The record a permission is checked against. Its reporting unit is always read from the
// database here, never taken from the request.
export type RecordRef = { project: number } | { unit: number } | { milestone: number } | { report: number } | null;

// The unit of a record, read once per request: pages ask can() for several actions on one record and
// the operation authorises again (React's cache() memoises within one server render or action; in a
// route handler each request runs one operation, and tests call through).
const unitOfRecord = cache(async (kind: "unit" | "project" | "milestone" | "report", id: number): Promise<number | null> => {
  if (kind === "unit") return (await db.reportingUnit.findUnique({ where: { id }, select: { id: true } }))?.id ?? null;
  const projectId =
    kind === "project"
      ? id
      : kind === "milestone"
        ? (await db.milestone.findUnique({ where: { id }, select: { projectId: true } }))?.projectId
        : (await db.progressReport.findUnique({ where: { id }, select: { projectId: true } }))?.projectId;
  if (projectId === undefined) throw new AppError("NOT_FOUND", "找不到该记录。");
  const project = await db.project.findFirst({ where: { id: projectId, deletedAt: null }, select: { unitId: true } });
  if (!project) throw new AppError("NOT_FOUND", "找不到该记录。");
  return project.unitId;
});

function unitOf(ref: Exclude<RecordRef, null>): Promise<number | null> {
  const [kind, id] = Object.entries(ref)[0] as ["unit" | "project" | "milestone" | "report", number];
  return unitOfRecord(kind, id);
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
