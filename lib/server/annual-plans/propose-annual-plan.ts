import "server-only";
import { operation } from "@/lib/server/operation";
import { db } from "@/lib/db";
import { toWan } from "@/lib/money";
import { annualPlanProposeSchema } from "@/lib/schemas/annual-plan";
import { authorize } from "@/lib/server/auth/authorize";
import { lockReportingLine } from "./project-for-annual-plan";
import { writeProposal } from "./proposal";

// An officer proposes a year's 年度计划投资 on its own (not with a report): submitted for review at once.
export const proposeAnnualPlan = operation({
  permission: "report.write",
  input: annualPlanProposeSchema,
  async run(actor, v) {
    await authorize(actor, "report.write", { project: v.projectId });
    return db.$transaction(async (tx) => {
      const project = await lockReportingLine(tx, v.projectId, v.year);
      const ctx = { actorId: actor.id, planId: project.planId, unitId: project.unitId };
      const row = await writeProposal(tx, ctx, {
        projectId: v.projectId,
        year: v.year,
        amountWan: toWan(v.amount, v.moneyUnit),
        reportId: null,
        submit: true,
        expectedVersion: v.version,
      });
      return { id: row?.id ?? null, version: row?.version ?? null };
    });
  },
});
