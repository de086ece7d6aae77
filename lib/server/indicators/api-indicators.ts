import "server-only";
import { indicatorListSchema } from "@/lib/schemas/indicator";
import { operation } from "@/lib/server/operation";
import { ATTRIBUTE_LABEL, COMPARATOR_CODE } from "./indicator-figures";
import { listIndicators } from "./list-indicators";

// GET /api/v1/indicators: the same figures as the 指标 page, in the API's shape (lib/schemas/api-responses.ts).
export const apiIndicators = operation({
  permission: "plan.read",
  input: indicatorListSchema,
  async run(actor, v) {
    const { plan, year, official, indicators } = await listIndicators(actor, v);
    return {
      plan: { id: plan.id, title: plan.title },
      year,
      official,
      indicators: indicators.map(({ indicator: i, values, latest, assessment }) => ({
        id: i.id,
        category: i.category,
        seq: i.seq,
        name: i.name,
        shortName: i.shortName,
        unit: i.unit,
        attribute: i.attribute ? ATTRIBUTE_LABEL[i.attribute] : null,
        baseline: { year: i.baselineYear, text: i.baselineText, value: i.baselineValue?.toFixed() ?? null },
        target: { year: i.targetYear, text: i.targetText, comparator: COMPARATOR_CODE[i.targetComparator], value: i.targetValue?.toFixed() ?? null },
        direction: i.direction === "HIGHER" ? ("higher" as const) : i.direction === "LOWER" ? ("lower" as const) : null,
        values: values.map((x) => ({
          year: x.year,
          unitId: x.unitId,
          value: x.value,
          reviewState: x.reviewState === "SUBMITTED" ? ("SUBMITTED" as const) : ("APPROVED" as const),
        })),
        assessment: { ...assessment, asOf: latest?.year ?? null },
      })),
    };
  },
});
