import "server-only";
import { z } from "zod";
import { operation } from "@/lib/server/operation";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { exactString } from "@/lib/money";
import { previousPeriod } from "@/lib/periods";
import type { FieldChange } from "@/lib/server/audit/record-audit";
import { recordId } from "@/lib/schemas/fields";

// One report revision as a reviewer (or anyone who may read plans) sees it: every field, the annual
// plan amount with its state, the previous period's official report beside it, and for a
// resubmission or a correction the field-by-field difference against what was returned or approved.
export const REPORT_FIELDS = [
  "completedAmount",
  "fundsCentral",
  "fundsProvincial",
  "fundsLocal",
  "fundsSpecialBond",
  "fundsSelf",
  "progressPercent",
  "progressText",
  "problems",
  "nextSteps",
  "outOfPeriodReason",
] as const;
export type ReportField = (typeof REPORT_FIELDS)[number];
export type ReportValues = Record<ReportField, string | null>;

const valuesOf = (r: Record<ReportField, unknown>): ReportValues =>
  Object.fromEntries(
    REPORT_FIELDS.map((f) => [f, typeof r[f] === "string" || r[f] === null ? (r[f] as string | null) : exactString(r[f] as never)]),
  ) as ReportValues;

export type ReportComparison = { kind: "resubmission" | "correction"; against: string; changes: FieldChange[] } | null;

export const getReport = operation({
  permission: "plan.read",
  input: z.object({ id: recordId() }),
  async run(_actor, { id }) {
    const report = await db.progressReport.findUnique({
      where: { id },
      include: {
        project: {
          select: {
            id: true,
            name: true,
            startYear: true,
            endYear: true,
            deletedAt: true,
            plan: { select: { id: true, title: true, reportingCycle: true, moneyUnit: true } },
            unit: { select: { name: true } },
          },
        },
      },
    });
    if (!report || report.project.deletedAt) throw new AppError("NOT_FOUND", "找不到该报告。");
    const [annual, previous, people, comparison] = await Promise.all([
      db.annualPlanAmount.findUnique({ where: { projectId_year: { projectId: report.projectId, year: report.year } } }),
      db.progressReport.findFirst({
        where: { projectId: report.projectId, period: previousPeriod(report.period, report.project.plan.reportingCycle), isOfficial: true },
      }),
      db.user.findMany({
        where: { id: { in: [report.createdById, report.submittedById, report.reviewedById].filter((x): x is number => x !== null) } },
        select: { id: true, displayName: true },
      }),
      compare(report),
    ]);
    const name = (userId: number | null) => people.find((p) => p.id === userId)?.displayName ?? null;
    return {
      report: { ...report, values: valuesOf(report) },
      people: { createdBy: name(report.createdById), submittedBy: name(report.submittedById), reviewedBy: name(report.reviewedById) },
      annual: annual && {
        official: exactString(annual.amount),
        proposed: annual.proposalStatus ? exactString(annual.proposedAmount) : null,
        proposalStatus: annual.proposalStatus,
        withThisReport: annual.proposalReportId === report.id,
      },
      previous: previous && { period: previous.period, values: valuesOf(previous) },
      comparison,
    };
  },
});

type Revision = Awaited<ReturnType<typeof db.progressReport.findUniqueOrThrow>>;

// A correction is compared with the approved revision it would replace; a resubmission (returned,
// edited in place, submitted again) with the values it had when it was returned, rebuilt from the
// audit trail (the first "old" of each field changed after the last return).
async function compare(report: Revision): Promise<ReportComparison> {
  const current = valuesOf(report);
  if (report.revision > 1) {
    const approved = await db.progressReport.findFirst({
      where: { projectId: report.projectId, period: report.period, revision: { lt: report.revision }, status: "APPROVED" },
      orderBy: { revision: "desc" },
    });
    if (!approved) return null;
    const before = valuesOf(approved);
    return { kind: "correction", against: `第 ${approved.revision} 版（已审核）`, changes: diff(before, current) };
  }
  const events = await db.auditEvent.findMany({
    where: { entityType: "ProgressReport", entityId: String(report.id) },
    orderBy: { id: "asc" },
    select: { action: true, changes: true },
  });
  const lastReturn = events.map((e) => e.action).lastIndexOf("report.return");
  if (lastReturn < 0) return null;
  const atReturn: ReportValues = { ...current };
  const seen = new Set<string>();
  for (const e of events.slice(lastReturn + 1)) {
    if (e.action !== "report.update") continue;
    for (const c of e.changes as FieldChange[]) {
      if (seen.has(c.field) || !(c.field in atReturn)) continue;
      seen.add(c.field);
      atReturn[c.field as ReportField] = c.old;
    }
  }
  return { kind: "resubmission", against: "退回时的内容", changes: diff(atReturn, current) };
}

function diff(before: ReportValues, after: ReportValues): FieldChange[] {
  return REPORT_FIELDS.filter((f) => before[f] !== after[f]).map((f) => ({ field: f, old: before[f], new: after[f] }));
}
