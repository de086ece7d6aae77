import "server-only";
import { z } from "zod";
import { operation } from "@/lib/server/operation";
import { db } from "@/lib/db";
import { exactString } from "@/lib/money";
import { grantOf } from "@/lib/permissions";
import { admissionQueue } from "@/lib/server/projects/admission-queue";
import { changeRequestQueue, withNames } from "@/lib/server/projects/change-requests";

const projectSelect = { id: true, name: true, unit: { select: { name: true } }, plan: { select: { title: true } } } as const;

// The reviewer's desk, oldest first: submitted reports (marked 重新提交 when returned before, 更正 when
// a correction of an approved period; with the annual plan amount each carries), annual plan
// proposals submitted on their own, 调整申请 (and 调出 requests), and for the plan office the projects
// entered for 入库 (null for other reviewers). Items the reviewer submitted themselves are listed
// but marked: someone else decides them.
export const reviewQueue = operation({
  permission: "report.review",
  input: z.object({}),
  async run(actor) {
    const [reports, annualPlans, changeRequests] = await Promise.all([
      db.progressReport.findMany({
        where: { status: "SUBMITTED", isCurrent: true, project: { deletedAt: null } },
        orderBy: { submittedAt: "asc" },
        take: 500,
        include: { project: { select: projectSelect } },
      }),
      db.annualPlanAmount.findMany({
        where: { proposalStatus: "SUBMITTED", project: { deletedAt: null } },
        orderBy: { proposedAt: "asc" },
        take: 1000,
        include: { project: { select: projectSelect } },
      }),
      changeRequestQueue(),
    ]);
    const carried = new Map(annualPlans.filter((a) => a.proposalReportId !== null).map((a) => [a.proposalReportId!, a]));
    return {
      reports: reports.map((r) => ({
        ...r,
        resubmitted: r.reviewedAt !== null,
        correction: r.revision > 1,
        own: r.submittedById === actor.id,
        annualPlan: carried.has(r.id)
          ? { year: carried.get(r.id)!.year, proposed: exactString(carried.get(r.id)!.proposedAmount), official: exactString(carried.get(r.id)!.amount) }
          : null,
      })),
      annualPlans: annualPlans.filter((a) => a.proposalReportId === null).map((a) => ({ ...a, own: a.proposedById === actor.id })),
      changeRequests: await withNames(changeRequests.map((c) => ({ ...c, own: c.createdById === actor.id }))),
      projects: grantOf(actor.role, "project.admit") ? await admissionQueue(actor.id) : null,
    };
  },
});
