"use server";
import { actionOf } from "@/lib/server/action";
import { reviewAnnualPlans } from "@/lib/server/annual-plans/review-annual-plans";
import { admitProjects } from "@/lib/server/projects/admit-projects";
import { reviewChangeRequests } from "@/lib/server/projects/review-change-requests";
import { reviewReports } from "@/lib/server/reports/review-reports";

// The reviewer's decisions (the desk's queues and the report page).
export async function reviewReportsAction(input: unknown) {
  return actionOf(reviewReports, input);
}

export async function reviewAnnualPlansAction(input: unknown) {
  return actionOf(reviewAnnualPlans, input);
}

export async function reviewChangeRequestsAction(input: unknown) {
  return actionOf(reviewChangeRequests, input);
}

export async function admitProjectsAction(input: unknown) {
  return actionOf(admitProjects, input);
}
