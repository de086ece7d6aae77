import "server-only";
import { db } from "@/lib/db";

// Every revision of every period of a project, newest first (the project page's report history).
export function projectReports(projectId: number) {
  return db.progressReport.findMany({ where: { projectId }, orderBy: [{ period: "desc" }, { revision: "desc" }] });
}

export function projectMilestones(projectId: number) {
  return db.milestone.findMany({ where: { projectId, deletedAt: null }, orderBy: [{ sortOrder: "asc" }, { id: "asc" }] });
}

export function annualPlans(projectId: number) {
  return db.annualPlanAmount.findMany({ where: { projectId }, orderBy: { year: "asc" } });
}
