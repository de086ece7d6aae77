"use server";
import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/server/auth/current-user";
import { saveMilestones } from "@/lib/server/milestones/save-milestones";
import { reviewReports } from "@/lib/server/reports/review-reports";
import { saveReport } from "@/lib/server/reports/save-report";
import { saveReportGrid } from "@/lib/server/reports/save-report-grid";
import { submitReport } from "@/lib/server/reports/submit-report";
import { runAction } from "@/lib/server/run-action";

// Thin wrappers: every rule lives in the lib/server operation.
export async function saveReportAction(input: unknown) {
  const result = await runAction(async () => saveReport(await requireUser(), input));
  revalidatePath("/", "layout");
  return result;
}

export async function saveReportGridAction(input: unknown) {
  const result = await runAction(async () => saveReportGrid(await requireUser(), input));
  revalidatePath("/", "layout");
  return result;
}

export async function submitReportAction(input: unknown) {
  const result = await runAction(async () => submitReport(await requireUser(), input));
  revalidatePath("/", "layout");
  return result;
}

export async function reviewReportsAction(input: unknown) {
  const result = await runAction(async () => reviewReports(await requireUser(), input));
  revalidatePath("/", "layout");
  return result;
}

export async function saveMilestonesAction(input: unknown) {
  const result = await runAction(async () => saveMilestones(await requireUser(), input));
  revalidatePath("/", "layout");
  return result;
}
