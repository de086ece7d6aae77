import { z } from "zod";
import { periodKey, recordId } from "./fields";

const id = recordId();
const idMap = z.record(z.string().regex(/^\d{1,10}$/), id);

// Which unfinished projects of a finished plan the new plan can take over (the picker).
export const carryOverCandidatesSchema = z.object({
  toPlanId: id,
  fromPlanId: id.optional(),
  unitId: id.optional(),
  sectionId: id.optional(),
});

// Carrying projects into a new plan (续建): the projects as previewed (id → version), each old unit and
// category mapped to one of the new plan, and the cut-over period (first period of the new plan).
export const carryOverSchema = z.object({
  fromPlanId: id,
  toPlanId: id,
  cutoverPeriod: periodKey("请填写切换期次，如 2026-01 或 2026-Q1"),
  projects: z
    .array(z.object({ id, version: id }))
    .min(1, "请至少选择一个项目")
    .max(2000, "一次最多结转 2000 个项目"),
  // old unit id → new unit id (a project without a unit stays without one)
  unitMap: idMap.default({}),
  // old section id → new section id
  sectionMap: idMap.default({}),
});
export type CarryOverInput = z.input<typeof carryOverSchema>;
