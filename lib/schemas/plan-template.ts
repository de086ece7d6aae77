import { z } from "zod";
import { optionalRecordId } from "./fields";

// GET /api/v1/exports/template: the blank appendix-layout workbook, with the plan's units and
// categories as pick lists when a plan is given.
export const templateExportSchema = z.object({
  plan: optionalRecordId().meta({ description: "Plan id: its units and categories become the pick lists" }),
});
