"use server";
import { revalidatePath } from "next/cache";
import { proposeAnnualPlan } from "@/lib/server/annual-plans/propose-annual-plan";
import { reviewAnnualPlans } from "@/lib/server/annual-plans/review-annual-plans";
import { setAnnualPlan } from "@/lib/server/annual-plans/set-annual-plan";
import { requireUser, type SessionUser } from "@/lib/server/auth/current-user";
import { saveMilestones } from "@/lib/server/milestones/save-milestones";
import { reviewChangeRequests } from "@/lib/server/projects/review-change-requests";
import { reviewReports } from "@/lib/server/reports/review-reports";
import { saveReport } from "@/lib/server/reports/save-report";
import { saveReportGrid } from "@/lib/server/reports/save-report-grid";
import { submitReport } from "@/lib/server/reports/submit-report";
import { runAction } from "@/lib/server/run-action";

// Thin wrappers: every rule lives in the lib/server operation.
async function run<T>(operation: (actor: SessionUser, input: unknown) => Promise<T>, input: unknown) {
  const result = await runAction(async () => operation(await requireUser(), input));
  revalidatePath("/", "layout");
  return result;
}

export async function saveReportAction(input: unknown) {
  return run(saveReport, input);
}

export async function saveReportGridAction(input: unknown) {
  return run(saveReportGrid, input);
}

export async function submitReportAction(input: unknown) {
  return run(submitReport, input);
}

export async function reviewReportsAction(input: unknown) {
  return run(reviewReports, input);
}

export async function saveMilestonesAction(input: unknown) {
  return run(saveMilestones, input);
}

export async function proposeAnnualPlanAction(input: unknown) {
  return run(proposeAnnualPlan, input);
}

export async function setAnnualPlanAction(input: unknown) {
  return run(setAnnualPlan, input);
}

export async function reviewAnnualPlansAction(input: unknown) {
  return run(reviewAnnualPlans, input);
}

export async function reviewChangeRequestsAction(input: unknown) {
  return run(reviewChangeRequests, input);
}
