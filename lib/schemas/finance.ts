import { z } from "zod";
import { optionalPeriod, optionalRecordId, recordId } from "./fields";

// Query strings of the finance screens and the JSON API (the same parameters everywhere).
const id = recordId("请指定规划");
// A unit or start year filter: an id / year, or "none" for the group without one.
const optionalKey = z.preprocess((v) => (v === "" || v === undefined ? undefined : v), z.union([z.literal("none"), recordId()]).optional());
const flag = z.preprocess((v) => v === true || v === "1" || v === "true", z.boolean());
const period = optionalPeriod();

export const ROLLUP_BY = ["unit", "category", "year", "status", "unitCategory"] as const;

// Descriptions (.meta) are for the API description, lib/api/openapi.ts.
export const rollupQuerySchema = z.object({
  plan: id.meta({ description: "Plan id (from /api/v1/plans)" }),
  by: z
    .enum(ROLLUP_BY, { message: "by 须为 unit、category、year、status 或 unitCategory" })
    .default("unit")
    .meta({ description: "category = the plan's sections (专栏/类别); year = planned start year of the build period" }),
  period: period.meta({
    description:
      "Reporting period in the plan's cycle: 2025-03 (monthly) or 2025-Q1 (quarterly). Default: the newest period anyone reported for, else the current period.",
  }),
  submitted: flag.default(false).meta({ description: "1 = include submitted but not yet approved reports (figures are then not official)" }),
});

export const dashboardQuerySchema = z.object({ plan: id, period, submitted: flag.default(false) });

export const DRILL_FIGURE_NAMES = [
  "projects",
  "unknown",
  "money",
  "dueStart",
  "started",
  "notStarted",
  "dueComplete",
  "onTime",
  "overdue",
  "notReported",
] as const;

export const drillQuerySchema = z.object({
  plan: id,
  period,
  submitted: flag.default(false),
  unit: optionalKey,
  section: optionalRecordId(),
  year: optionalKey,
  status: z.preprocess((v) => (v === "" ? undefined : v), z.enum(["PREPARATION", "CONSTRUCTION", "COMPLETED", "IN_USE"]).optional()),
  figure: z.enum(DRILL_FIGURE_NAMES).default("projects").catch("projects"),
});

export const timelineQuerySchema = z.object({
  plan: id,
  unit: optionalKey,
  section: optionalRecordId(),
  status: z.preprocess((v) => (v === "" ? undefined : v), z.enum(["PREPARATION", "CONSTRUCTION", "COMPLETED", "IN_USE"]).optional().catch(undefined)),
  q: z.string().trim().max(100).optional().catch(undefined),
});

// Search params of a page as a flat object (first value of repeated keys).
export function flatParams(params: Record<string, string | string[] | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
}
