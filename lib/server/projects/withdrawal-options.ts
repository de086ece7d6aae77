import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { can } from "@/lib/server/auth/authorize";
import { operation } from "@/lib/server/operation";
import { lastApprovedPeriod, withdrawalPeriods } from "./withdrawal";
import { recordId } from "@/lib/schemas/fields";

// What the 调出申请 form offers: whether the user may file one, and the periods it may take effect from.
export const withdrawalOptions = operation({
  permission: "plan.read",
  input: z.object({ projectId: recordId() }),
  async run(actor, { projectId }) {
    const ref = { project: projectId };
    const allowed = (await can(actor, "project.requestChange", ref)) || (await can(actor, "project.update", ref));
    const project = await db.project.findFirst({
      where: { id: projectId, deletedAt: null },
      select: { id: true, parentId: true, plan: { select: { reportingCycle: true } } },
    });
    if (!project) throw new AppError("NOT_FOUND", "找不到该项目。");
    const lastApproved = await lastApprovedPeriod(db, project);
    return { allowed, lastApproved, periods: withdrawalPeriods(project.plan.reportingCycle, lastApproved) };
  },
});
