import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recordId } from "@/lib/schemas/fields";
import { operation } from "@/lib/server/operation";

// A project's name alone (for the browser tab's title of its pages); every role may read projects
// (plan.read, as getProject).
export const projectName = operation({
  permission: "plan.read",
  input: z.object({ id: recordId() }),
  async run(_actor, v) {
    const project = await db.project.findFirst({ where: { id: v.id, deletedAt: null }, select: { name: true } });
    if (!project) throw new AppError("NOT_FOUND", "找不到该项目。");
    return project.name;
  },
});
