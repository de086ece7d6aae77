import type { GroupKey } from "@/lib/server/rollups/group-rollup";

// Link to the projects behind a figure of a group (/finance/<plan>/projects).
export function drillHref(base: { planId: number; period: string; includeSubmitted: boolean }, key: GroupKey, figure: string): string {
  const qs = new URLSearchParams({ period: base.period });
  if (base.includeSubmitted) qs.set("submitted", "1");
  if (key.unitId !== undefined) qs.set("unit", key.unitId === null ? "none" : String(key.unitId));
  if (key.sectionId !== undefined) qs.set("section", String(key.sectionId));
  if (key.startYear !== undefined) qs.set("year", key.startYear === null ? "none" : String(key.startYear));
  if (key.status !== undefined) qs.set("status", key.status);
  qs.set("figure", figure);
  return `/finance/${base.planId}/projects?${qs}`;
}
