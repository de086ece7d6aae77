import "server-only";
import { db } from "@/lib/db";

// Choices for the project list filters: all plans, and the units/sections of the chosen plan.
export async function filterOptions(planId: number | undefined) {
  const [plans, units, sections] = await Promise.all([
    db.plan.findMany({ orderBy: { id: "asc" }, select: { id: true, title: true } }),
    planId ? db.reportingUnit.findMany({ where: { planId }, orderBy: { sortOrder: "asc" }, select: { id: true, name: true } }) : [],
    planId ? db.section.findMany({ where: { planId }, orderBy: { sortOrder: "asc" }, select: { id: true, number: true, title: true } }) : [],
  ]);
  return { plans, units, sections };
}
