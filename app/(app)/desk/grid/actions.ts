"use server";
import { actionOf } from "@/lib/server/action";
import { saveReportGrid } from "@/lib/server/reports/save-report-grid";
import { submitReportGrid } from "@/lib/server/reports/submit-report-grid";

export async function saveReportGridAction(input: unknown) {
  return actionOf(saveReportGrid, input);
}

export async function submitReportGridAction(input: unknown) {
  return actionOf(submitReportGrid, input);
}
