"use server";
import { actionOf } from "@/lib/server/action";
import { saveReport } from "@/lib/server/reports/save-report";

export async function saveReportAction(input: unknown) {
  return actionOf(saveReport, input);
}
