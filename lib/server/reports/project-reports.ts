import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { operation } from "@/lib/server/operation";
import { recordId } from "@/lib/schemas/fields";

const ofProject = z.object({ projectId: recordId() });

// Every revision of every period of a project, newest first (the project page's report history).
export const projectReports = operation({
  permission: "plan.read",
  input: ofProject,
  async run(_actor, { projectId }) {
    return db.progressReport.findMany({ where: { projectId }, orderBy: [{ period: "desc" }, { revision: "desc" }] });
  },
});

export const projectMilestones = operation({
  permission: "plan.read",
  input: ofProject,
  async run(_actor, { projectId }) {
    return db.milestone.findMany({ where: { projectId, deletedAt: null }, orderBy: [{ sortOrder: "asc" }, { id: "asc" }] });
  },
});

export const annualPlans = operation({
  permission: "plan.read",
  input: ofProject,
  async run(_actor, { projectId }) {
    return db.annualPlanAmount.findMany({ where: { projectId }, orderBy: { year: "asc" } });
  },
});
