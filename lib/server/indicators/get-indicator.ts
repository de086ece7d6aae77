import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recordId } from "@/lib/schemas/fields";
import { readableAudit } from "@/lib/server/audit/readable-audit";
import { operation } from "@/lib/server/operation";
import { indicatorFigures } from "./indicator-figures";

// One indicator with every revision of its values (who, when, state, comments), its judgements,
// data-quality warnings and audit trail: the indicator page.
export const getIndicator = operation({
  permission: "plan.read",
  input: z.object({ id: recordId() }),
  async run(_actor, { id }) {
    const indicator = await db.indicator.findFirst({
      where: { id, deletedAt: null },
      include: {
        plan: {
          select: {
            id: true,
            title: true,
            periodStart: true,
            periodEnd: true,
            archivedAt: true,
            units: { where: { retiredAt: null }, orderBy: { sortOrder: "asc" }, select: { id: true, name: true } },
          },
        },
        values: { orderBy: [{ year: "desc" }, { unitId: "asc" }, { revision: "desc" }], include: { unit: { select: { name: true } } } },
        judgements: { orderBy: { year: "desc" } },
        warnings: true,
      },
    });
    if (!indicator) throw new AppError("NOT_FOUND", "找不到该指标。");
    const people = await db.user.findMany({
      where: {
        id: {
          in: [...indicator.values.flatMap((v) => [v.submittedById, v.reviewedById]), ...indicator.judgements.map((j) => j.judgedById)].filter(
            (x): x is number => x !== null,
          ),
        },
      },
      select: { id: true, displayName: true },
    });
    const history = await db.auditEvent.findMany({
      where: {
        OR: [
          { entityType: "IndicatorValue", entityId: { in: indicator.values.map((v) => String(v.id)) } },
          { entityType: "IndicatorJudgement", entityId: { in: indicator.judgements.map((j) => String(j.id)) } },
        ],
      },
      orderBy: { id: "desc" },
      take: 200,
      include: { actor: { select: { username: true, displayName: true } } },
    });
    // Its status by the same read as the 指标 page, for this indicator only.
    const [figure] = await indicatorFigures(indicator.planId, { submitted: false, indicatorId: indicator.id });
    return {
      indicator,
      figure,
      names: new Map(people.map((p) => [p.id, p.displayName])),
      history: await readableAudit(history),
    };
  },
});
