import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { operation } from "@/lib/server/operation";
import { recordId } from "@/lib/schemas/fields";

// One project (not deleted) with its plan, unit, section, parent, sub-projects, data warnings and provenance.
export const getProject = operation({
  permission: "plan.read",
  input: z.object({ id: recordId() }),
  async run(_actor, { id }) {
    const project = await db.project.findFirst({
      where: { id, deletedAt: null },
      include: {
        plan: { select: { id: true, title: true, sourceFile: true, reportingCycle: true, hasProjectList: true, moneyUnit: true } },
        unit: { select: { id: true, name: true, region: { select: { name: true } } } },
        section: true,
        parent: { select: { id: true, name: true, totalInvestment: true } },
        children: { where: { deletedAt: null }, orderBy: { sortOrder: "asc" }, select: { id: true, name: true } },
        warnings: { orderBy: { id: "asc" } },
      },
    });
    if (!project) throw new AppError("NOT_FOUND", "找不到该项目。");
    // Provenance of a project entered by hand: who entered it (ENTERED); what it continues (CARRIED).
    // 续建 both ways: what this continues (with its document source and the milestones done there) and
    // where it went on.
    const [enteredBy, predecessor, successor] = await Promise.all([
      project.enteredById ? db.user.findUnique({ where: { id: project.enteredById }, select: { displayName: true, username: true } }) : null,
      project.predecessorId
        ? db.project.findUnique({
            where: { id: project.predecessorId },
            select: {
              id: true,
              name: true,
              sourceFile: true,
              sourceLocator: true,
              sourceText: true,
              plan: { select: { title: true } },
              milestones: {
                where: { deletedAt: null, actualDate: { not: null } },
                orderBy: { sortOrder: "asc" },
                select: { id: true, name: true, plannedDate: true, actualDate: true },
              },
            },
          })
        : null,
      db.project.findUnique({ where: { predecessorId: id }, select: { id: true, cutoverPeriod: true, plan: { select: { id: true, title: true } } } }),
    ]);
    return { ...project, enteredBy, predecessor, successor };
  },
});
