import { z } from "zod";
import { optionalRecordId, pageNumber } from "./fields";

const optionalInt = optionalRecordId();

export const PROJECT_SORTS = ["order", "name", "total", "start", "end", "unit", "status"] as const;

// Query-string filters of the project list (shared by the page, the CSV export and the API).
export const projectFiltersSchema = z.object({
  plan: optionalInt,
  unit: optionalInt,
  section: optionalInt,
  status: z.enum(["PREPARATION", "CONSTRUCTION", "COMPLETED", "IN_USE"]).optional().catch(undefined),
  kind: z.enum(["PROJECT", "PROGRAMME"]).optional().catch(undefined),
  from: optionalInt.catch(undefined), // start year ≥
  to: optionalInt.catch(undefined), // end year ≤
  q: z.string().trim().max(100).optional().catch(undefined),
  sort: z.enum(PROJECT_SORTS).default("order").catch("order"),
  dir: z.enum(["asc", "desc"]).default("asc").catch("asc"),
  page: pageNumber,
});

export type ProjectFilters = z.infer<typeof projectFiltersSchema>;

export function parseProjectFilters(params: Record<string, string | string[] | undefined>): ProjectFilters {
  const flat = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const parsed = projectFiltersSchema.safeParse(flat);
  return parsed.success ? parsed.data : projectFiltersSchema.parse({});
}
