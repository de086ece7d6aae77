"use server";
import { actionOf } from "@/lib/server/action";
import { archivePlan } from "@/lib/server/plans/archive-plan";
import { createSection } from "@/lib/server/sections/create-section";
import { reorderSections } from "@/lib/server/sections/reorder-sections";
import { updateSection } from "@/lib/server/sections/update-section";
import { createUnit } from "@/lib/server/units/create-unit";
import { reorderUnits } from "@/lib/server/units/reorder-units";
import { retireUnit } from "@/lib/server/units/retire-unit";
import { updateUnit } from "@/lib/server/units/update-unit";

// The plan settings page's panels: archive-form.tsx, units-panel.tsx, sections-panel.tsx.
export async function archivePlanAction(input: unknown) {
  return actionOf(archivePlan, input);
}

export async function createUnitAction(input: unknown) {
  return actionOf(createUnit, input);
}

export async function updateUnitAction(input: unknown) {
  return actionOf(updateUnit, input);
}

export async function reorderUnitsAction(input: unknown) {
  return actionOf(reorderUnits, input);
}

export async function retireUnitAction(input: unknown) {
  return actionOf(retireUnit, input);
}

export async function createSectionAction(input: unknown) {
  return actionOf(createSection, input);
}

export async function updateSectionAction(input: unknown) {
  return actionOf(updateSection, input);
}

export async function reorderSectionsAction(input: unknown) {
  return actionOf(reorderSections, input);
}
