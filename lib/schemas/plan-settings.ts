import { z } from "zod";

export const planSettingsSchema = z.object({
  id: z.coerce.number().int().positive(),
  reportingCycle: z.enum(["MONTHLY", "QUARTERLY"], { message: "请选择填报周期" }),
  reason: z.string().trim().max(500).default(""),
});
