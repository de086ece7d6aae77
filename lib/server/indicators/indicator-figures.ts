import "server-only";
import { db } from "@/lib/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { assessIndicator, JUDGEMENT_RESULTS } from "@/lib/indicators/assess";
import { COMPARATOR_CODE } from "./indicator-row";

// A plan's indicators with their monitoring values and assessment: the one read the 指标 page, the
// dashboard, the API and the 评估报告 share, so a status is the same everywhere. Official values only
// (approved), unless `submitted`: then a value waiting for review is shown instead of the official one
// and the figures are not official.
export { ATTRIBUTE_LABEL } from "@/lib/i18n/zh-CN-indicators";
export { COMPARATOR_CODE };

// `indicatorId`: that indicator only (its own page), assessed by the same rule.
// `client`: a transaction's, to read them in its snapshot (list-indicators.ts keeps them per version).
export async function indicatorFigures(
  planId: number,
  opts: { year?: number; submitted: boolean; indicatorId?: number },
  client: Pick<PrismaClient, "indicator" | "indicatorValue" | "indicatorJudgement"> = db,
) {
  const one = opts.indicatorId === undefined ? {} : { id: opts.indicatorId };
  const [indicators, values, judgements] = await Promise.all([
    client.indicator.findMany({ where: { planId, deletedAt: null, ...one }, orderBy: [{ sortOrder: "asc" }, { id: "asc" }] }),
    client.indicatorValue.findMany({
      where: {
        indicator: { planId, deletedAt: null, ...one },
        OR: [{ isOfficial: true }, ...(opts.submitted ? [{ isCurrent: true, status: "SUBMITTED" as const }] : [])],
      },
      orderBy: [{ year: "asc" }, { revision: "asc" }],
    }),
    client.indicatorJudgement.findMany({ where: { indicator: { planId, deletedAt: null, ...one } }, orderBy: { year: "asc" } }),
  ]);
  // Per indicator, unit and year the value shown: a submitted revision (when asked for) over the official one.
  const shown = new Map<string, (typeof values)[number]>();
  for (const v of values) {
    const key = `${v.indicatorId}|${v.unitId ?? ""}|${v.year}`;
    const had = shown.get(key);
    if (!had || (v.status === "SUBMITTED" && had.status !== "SUBMITTED")) shown.set(key, v);
  }
  const byIndicator = new Map<number, (typeof values)[number][]>();
  for (const v of shown.values()) byIndicator.set(v.indicatorId, [...(byIndicator.get(v.indicatorId) ?? []), v]);

  return indicators.map((ind) => {
    const own = (byIndicator.get(ind.id) ?? []).sort((a, b) => a.year - b.year || (a.unitId ?? 0) - (b.unitId ?? 0));
    const regional = own.filter((v) => v.unitId === null && (opts.year === undefined || v.year <= opts.year));
    const latest = regional.at(-1) ?? null;
    const asOf = opts.year ?? latest?.year ?? null;
    const judgement = judgements.filter((j) => j.indicatorId === ind.id && (asOf === null || j.year <= asOf)).at(-1) ?? null;
    const assessment = assessIndicator({
      baseline: { year: ind.baselineYear ?? 2020, value: ind.baselineValue?.toFixed() ?? null },
      target: {
        year: ind.targetYear ?? 2025,
        comparator: COMPARATOR_CODE[ind.targetComparator],
        value: ind.targetValue?.toFixed() ?? null,
        tolerance: ind.targetTolerance?.toFixed() ?? null,
      },
      direction: ind.direction === "HIGHER" ? "higher" : ind.direction === "LOWER" ? "lower" : null,
      latest: latest ? { year: latest.year, value: latest.value.toFixed() } : null,
      judgement: judgement ? { result: JUDGEMENT_RESULTS[judgement.result], reason: judgement.reason } : null,
    });
    return {
      indicator: ind,
      values: own.map((v) => ({
        id: v.id,
        year: v.year,
        unitId: v.unitId,
        value: v.value.toFixed(),
        reviewState: v.status,
        version: v.version,
        dataSource: v.dataSource,
      })),
      latest: latest ? { year: latest.year, value: latest.value.toFixed(), reviewState: latest.status } : null,
      judgement,
      assessment,
    };
  });
}

export type IndicatorFigure = Awaited<ReturnType<typeof indicatorFigures>>[number];
