import { z } from "zod";

// GET /api/v1/exports/template: the blank appendix-layout workbook, with the plan's units and
// categories as pick lists when a plan is given.
export const templateExportSchema = z.object({
  plan: z.coerce.number().int().positive().max(2147483647).optional().meta({ description: "Plan id: its units and categories become the pick lists" }),
});
