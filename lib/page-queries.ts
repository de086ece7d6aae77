import { z } from "zod";
import { auditFiltersSchema } from "@/lib/schemas/audit";
import { dashboardQuerySchema, drillQuerySchema, timelineQuerySchema } from "@/lib/schemas/finance";
import { optionalPeriod, optionalRecordId } from "@/lib/schemas/fields";
import { importViewSchema } from "@/lib/schemas/import";
import { projectFiltersSchema } from "@/lib/schemas/project-filters";

// The query string each page takes, checked by proxy.ts before the page renders: a link with a value
// the page cannot use (period=2025-13, from=2025-13-45, unit=99999999999) answers 400 with the
// reason, instead of a 500 from deep inside. The schemas are the ones the pages' operations parse
// with, so the check and the use cannot drift apart. Path ids are the page's own check (404).
const period = z.object({ period: optionalPeriod() });
const PAGE_QUERIES: [RegExp, z.ZodType][] = [
  [/^\/projects$/, projectFiltersSchema],
  [/^\/projects\/new$/, z.object({ plan: optionalRecordId("规划编号无效") })],
  [/^\/projects\/[^/]+\/report$/, period],
  [/^\/plans\/[^/]+\/reporting$/, period],
  [
    /^\/plans\/[^/]+\/carry-over$/,
    z.object({ from: optionalRecordId("规划编号无效"), unit: optionalRecordId("单位编号无效"), section: optionalRecordId("类别编号无效") }),
  ],
  [/^\/finance\/[^/]+$/, dashboardQuerySchema.omit({ plan: true })],
  [/^\/finance\/[^/]+\/projects$/, drillQuerySchema.omit({ plan: true })],
  [/^\/finance\/[^/]+\/timeline$/, timelineQuerySchema.omit({ plan: true })],
  [/^\/desk$/, period],
  [/^\/desk\/grid$/, z.object({ plan: optionalRecordId("规划编号无效"), period: optionalPeriod() })],
  [/^\/imports$/, z.object({ plan: optionalRecordId("规划编号无效") })],
  [/^\/imports\/[^/]+$/, importViewSchema.omit({ id: true })],
  [/^\/admin\/audit$/, auditFiltersSchema],
];

// The problems with a page's query string, as lines to show; empty when it is fine.
export function pageQueryProblems(pathname: string, search: URLSearchParams): string[] {
  const schema = PAGE_QUERIES.find(([pattern]) => pattern.test(pathname))?.[1];
  if (!schema) return [];
  const parsed = schema.safeParse(Object.fromEntries(search));
  if (parsed.success) return [];
  return parsed.error.issues.map((i) => `${i.path.join(".") || "参数"}：${i.message}`);
}
