"use server";
import { actionOf } from "@/lib/server/action";
import { saveReportGrid } from "@/lib/server/reports/save-report-grid";

export async function saveReportGridAction(input: unknown) {
  return actionOf(saveReportGrid, input);
}
