import "server-only";
import { z } from "zod";
import { outsideBuildPeriod, reportFormDefaults } from "@/lib/reports";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { isPeriod, periodChoices, periodYear } from "@/lib/periods";
import { operation } from "@/lib/server/operation";
import { optionalPeriod, recordId } from "@/lib/schemas/fields";
import { moneyUnitSchema } from "@/lib/schemas/money";
import { planMoneyUnit } from "@/lib/ui/money-unit";
import { reportPeriodProblem } from "./report-form-data";

// Rows of the fill-in grid: the officer's reportable projects of one plan, with the period's
// current report (if any) prefilled in 万元. No period: the plan's current one.
export const gridRows = operation({
  permission: "report.write",
  // moneyUnit: the reader's chosen unit, if any; else the plan's (amounts are shown and typed in it).
  input: z.object({ planId: recordId(), period: optionalPeriod(), moneyUnit: moneyUnitSchema.optional() }),
  async run(actor, { planId, period: requested, moneyUnit: chosen }) {
    const plan = await db.plan.findUnique({ where: { id: planId }, omit: { sourceDocument: true, reminderWebhookUrl: true } });
    if (!plan) throw new AppError("NOT_FOUND", "找不到该规划。");
    if (requested !== undefined && !isPeriod(requested, plan.reportingCycle)) throw new AppError("VALIDATION", "填报期次格式不正确。");
    const { periods, period } = periodChoices(plan, { requested });
    // A future period or one before the plan is said on opening (the rows would all be refused on saving).
    const periodProblem = reportPeriodProblem(requested, plan.reportingCycle, plan.periodStart, null);
    const year = periodYear(period);
    const unit = chosen ?? planMoneyUnit(plan);
    const projects = await db.project.findMany({
      where: { planId, unitId: { in: actor.unitIds }, kind: "PROJECT", parentId: null, deletedAt: null },
      orderBy: { sortOrder: "asc" },
      include: {
        unit: { select: { name: true } },
        reports: { where: { period, isCurrent: true } },
        annualPlans: { where: { year } },
      },
    });
    return {
      plan,
      unit,
      period,
      periods,
      periodProblem,
      rows: projects.map((p) => {
        const r = p.reports[0];
        // Every field of the report travels with the row (the 到位资金 typed in the report form too), so
        // saving the row from the grid keeps what the grid does not show.
        const {
          projectId,
          version,
          period: _period,
          correctionReason: _c,
          submit: _s,
          moneyUnit: _u,
          ...values
        } = reportFormDefaults(p.id, period, r, p.annualPlans[0], unit);
        return {
          projectId,
          name: p.name,
          unit: p.unit?.name ?? "",
          startYear: p.startYear,
          endYear: p.endYear,
          outside: outsideBuildPeriod(p, period),
          reportId: r?.id ?? null,
          status: r?.status ?? null,
          reviewComment: r?.reviewComment ?? null,
          version: version ?? null,
          ...values,
        };
      }),
    };
  },
});
export type GridRow = Awaited<ReturnType<typeof gridRows>>["rows"][number];
