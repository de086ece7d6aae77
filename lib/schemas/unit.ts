import { z } from "zod";
import { nullableRecordId, recordId } from "./fields";

// Reporting units of a plan (lib/server/units/*).
const name = z.string().trim().min(1, "请输入单位名称").max(100, "单位名称不能超过 100 字");
const regionId = nullableRecordId();
const reason = z.string().trim().max(500, "说明不能超过 500 字").default("");

export const unitCreateSchema = z.object({
  planId: recordId().meta({ description: "The plan (the path's id)" }),
  name: name.meta({ description: "单位名称, unique within the plan (retired units included)" }),
  regionId: regionId.optional().meta({ description: "The region the unit covers; null = none" }),
});

export const unitUpdateSchema = z.object({ id: recordId(), version: recordId(), name, regionId, reason });

// The plan's active units in their new order, each with the version the user saw.
export const orderSchema = z.object({
  planId: recordId(),
  items: z
    .array(z.object({ id: recordId(), version: recordId() }))
    .min(1, "请至少保留一项")
    .max(1000)
    .refine((items) => new Set(items.map((i) => i.id)).size === items.length, "列表中有重复项"),
});
export const unitReorderSchema = orderSchema;

export const unitRetireSchema = z.object({
  id: recordId(),
  version: recordId(),
  targetId: recordId("请选择并入的单位"),
  reason,
});

export type UnitCreateInput = z.input<typeof unitCreateSchema>;
export type UnitUpdateInput = z.input<typeof unitUpdateSchema>;
export type UnitRetireInput = z.input<typeof unitRetireSchema>;
