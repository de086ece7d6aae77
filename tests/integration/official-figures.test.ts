import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { SessionUser } from "@/lib/server/auth/current-user";
import { proposeAnnualPlan } from "@/lib/server/annual-plans/propose-annual-plan";
import { reviewAnnualPlans } from "@/lib/server/annual-plans/review-annual-plans";
import { setAnnualPlan } from "@/lib/server/annual-plans/set-annual-plan";
import { requestProjectChange } from "@/lib/server/projects/request-project-change";
import { reviewChangeRequests } from "@/lib/server/projects/review-change-requests";
import { updateProject } from "@/lib/server/projects/update-project";
import { reviewReports } from "@/lib/server/reports/review-reports";
import { saveReport } from "@/lib/server/reports/save-report";
import { submitReport } from "@/lib/server/reports/submit-report";
import { projectFigures } from "@/lib/server/rollups/project-figures";
import { makePlan, makeProject } from "@/lib/server/seed/factories";
import { expectAppError, sessionFor } from "../support/users";

// Official figures count only reviewed data: annual plans, project facts and report texts.
let ctx: { planId: number; sectionId: number; unitId: number; officer: SessionUser; finance: SessionUser; admin: SessionUser };
beforeAll(async () => {
  const { plan, section, units } = await makePlan(db, { unitNames: ["官县"] });
  ctx = {
    planId: plan.id,
    sectionId: section.id,
    unitId: units[0].id,
    officer: await sessionFor("COUNTY_OFFICER", [units[0].id]),
    finance: await sessionFor("FINANCE_REVIEWER"),
    admin: await sessionFor("ADMIN"),
  };
});

const project = (totalWan = "1000") => makeProject(db, { planId: ctx.planId, sectionId: ctx.sectionId, unitId: ctx.unitId, totalWan });
const report = (projectId: number, period: string, extra: Record<string, unknown> = {}) => ({
  projectId,
  period,
  moneyUnit: "wan",
  completedAmount: "100",
  progressPercent: "20",
  progressText: "主体施工",
  problems: "",
  nextSteps: "",
  ...extra,
});
const figures = async (projectId: number, period: string, includeSubmitted = false) =>
  (await projectFigures({ planId: ctx.planId, period, projectIds: [projectId], includeSubmitted }))[0];
const annualRow = (projectId: number, year: number) => db.annualPlanAmount.findUniqueOrThrow({ where: { projectId_year: { projectId, year } } });
const edit = (
  p: { id: number; version: number; name: string; startYear: number | null; endYear: number | null; sectionId: number; unitId: number | null },
  extra: Record<string, unknown>,
) => ({
  id: p.id,
  version: p.version,
  name: p.name,
  owner: "",
  startYear: p.startYear,
  endYear: p.endYear,
  totalInvestment: "1000",
  moneyUnit: "wan",
  unitId: p.unitId,
  sectionId: p.sectionId,
  status: "PREPARATION",
  reason: "",
  ...extra,
});

describe("年度计划投资 is a reviewed figure", () => {
  it("typed in a draft it counts nowhere; submitted it counts only in 含已报送; approved with its report it becomes official", async () => {
    const p = await project();
    const draft = await saveReport(ctx.officer, report(p.id, "2025-03", { annualPlan: "400" }));
    expect((await figures(p.id, "2025-03")).annualPlanWan).toBeNull();
    expect((await figures(p.id, "2025-03", true)).annualPlanWan).toBeNull();
    expect((await annualRow(p.id, 2025)).proposalStatus).toBe("DRAFT");

    await submitReport(ctx.officer, { id: draft.id, version: draft.version });
    expect((await annualRow(p.id, 2025)).proposalStatus).toBe("SUBMITTED");
    expect((await figures(p.id, "2025-03")).annualPlanWan).toBeNull();
    expect((await figures(p.id, "2025-03", true)).annualPlanWan).toBe("400.0000");

    const r = await db.progressReport.findUniqueOrThrow({ where: { id: draft.id } });
    await reviewReports(ctx.finance, { items: [{ id: r.id, version: r.version }], decision: "APPROVE" });
    const row = await annualRow(p.id, 2025);
    expect(row).toMatchObject({ proposalStatus: null, proposalReportId: null, approvedById: ctx.finance.id });
    expect(row.amount!.toString()).toBe("400");
    expect((await figures(p.id, "2025-03")).annualPlanWan).toBe("400.0000");
    const actions = (await db.auditEvent.findMany({ where: { entityType: "AnnualPlanAmount", entityId: String(row.id) }, orderBy: { id: "asc" } })).map(
      (a) => a.action,
    );
    expect(actions).toEqual(["annualPlan.propose", "annualPlan.submit", "annualPlan.approve"]);
  });

  it("a returned report returns its annual plan too; the approved figure stays and rates use it", async () => {
    const p = await project();
    const first = await saveReport(ctx.officer, report(p.id, "2025-04", { annualPlan: "500", submit: true }));
    await reviewReports(ctx.finance, { items: [{ id: first.id, version: first.version }], decision: "APPROVE" });
    const next = await saveReport(ctx.officer, report(p.id, "2025-05", { annualPlan: "2000", submit: true }));
    await reviewReports(ctx.finance, { items: [{ id: next.id, version: next.version }], decision: "RETURN", comment: "年度计划与下达文件不符" });
    const row = await annualRow(p.id, 2025);
    expect(row.proposalStatus).toBe("RETURNED");
    expect(row.amount!.toString()).toBe("500");
    expect((await figures(p.id, "2025-05")).annualPlanWan).toBe("500.0000");
    expect((await figures(p.id, "2025-05", true)).annualPlanWan).toBe("500.0000");
    // 投资完成率 = 本年累计完成 ÷ the approved plan (500), not ÷ the returned 2000.
    expect((await figures(p.id, "2025-05")).yearToDateWan).toBe("100.0000");
  });

  it("on its own: an officer proposes, a reviewer (not the proposer) approves or returns; 下达 sets it directly with a reason", async () => {
    const p = await project();
    await proposeAnnualPlan(ctx.officer, { projectId: p.id, year: 2026, amount: "0.03", moneyUnit: "yi" });
    let row = await annualRow(p.id, 2026);
    expect(row).toMatchObject({ proposalStatus: "SUBMITTED", proposalReportId: null, amount: null });
    expect(row.proposedAmount!.toString()).toBe("300");
    // A different proposal while one is under review is refused; a report carrying the same figure
    // (the form shows the pending one) files without touching it.
    await expectAppError(proposeAnnualPlan(ctx.officer, { projectId: p.id, year: 2026, amount: "310", moneyUnit: "wan" }), "VALIDATION");
    await saveReport(ctx.officer, report(p.id, "2026-01", { annualPlan: "300", outOfPeriodReason: "续建", submit: true }));
    expect(await annualRow(p.id, 2026)).toMatchObject({ proposalStatus: "SUBMITTED", proposalReportId: null, version: row.version });
    await expectAppError(reviewAnnualPlans(ctx.officer, { items: [{ id: row.id, version: row.version }], decision: "APPROVE" }), "FORBIDDEN");
    await reviewAnnualPlans(ctx.finance, { items: [{ id: row.id, version: row.version }], decision: "APPROVE" });
    row = await annualRow(p.id, 2026);
    expect(row.amount!.toString()).toBe("300");

    await expectAppError(setAnnualPlan(ctx.officer, { projectId: p.id, year: 2026, amount: "350", moneyUnit: "wan", reason: "x" }), "FORBIDDEN");
    const noReason = await expectAppError(setAnnualPlan(ctx.admin, { projectId: p.id, year: 2026, amount: "350", moneyUnit: "wan", reason: "" }), "VALIDATION");
    expect(noReason.fieldErrors).toEqual({ reason: ["请填写下达依据或说明"] });
    await setAnnualPlan(ctx.admin, { projectId: p.id, year: 2026, amount: "350", moneyUnit: "wan", reason: "岳财建〔2026〕3号" });
    row = await annualRow(p.id, 2026);
    expect(row.amount!.toString()).toBe("350");
    const last = await db.auditEvent.findFirstOrThrow({ where: { entityType: "AnnualPlanAmount", entityId: String(row.id) }, orderBy: { id: "desc" } });
    expect(last).toMatchObject({ action: "annualPlan.set", reason: "下达：岳财建〔2026〕3号", actorId: ctx.admin.id });
  });

  it("nobody decides what they submitted themselves", async () => {
    const p = await project();
    const own = await saveReport(ctx.admin, report(p.id, "2025-06", { submit: true }));
    const err = await expectAppError(reviewReports(ctx.admin, { items: [{ id: own.id, version: own.version }], decision: "APPROVE" }), "FORBIDDEN");
    expect(err.message).toContain("不能审核自己提交的报告");
    expect((await db.progressReport.findUniqueOrThrow({ where: { id: own.id } })).status).toBe("SUBMITTED");
  });
});

describe("调整申请: project facts changed by officers are reviewed", () => {
  it("the request changes nothing official until approved; approval applies it with the audit row", async () => {
    const p = await project("1000");
    const res = await requestProjectChange(
      ctx.officer,
      edit(p, { totalInvestment: "1500", endYear: 2027, reason: "初设批复调增", docNumber: "岳发改〔2026〕8号", docDate: "2026-03-15" }),
    );
    expect(res.requestId).not.toBeNull();
    let fresh = await db.project.findUniqueOrThrow({ where: { id: p.id } });
    expect(fresh.totalInvestment!.toString()).toBe("1000");
    expect(fresh.endYear).toBe(2025);
    expect((await figures(p.id, "2025-06")).totalWan).toBe("1000.0000");
    // One open request at a time; officers cannot decide; the requester cannot either.
    await expectAppError(requestProjectChange(ctx.officer, edit(fresh, { totalInvestment: "1600", reason: "再调" })), "VALIDATION");
    const request = await db.projectChangeRequest.findUniqueOrThrow({ where: { id: res.requestId! } });
    await expectAppError(reviewChangeRequests(ctx.officer, { items: [{ id: request.id, version: request.version }], decision: "APPROVE" }), "FORBIDDEN");

    await reviewChangeRequests(ctx.finance, { items: [{ id: request.id, version: request.version }], decision: "APPROVE" });
    fresh = await db.project.findUniqueOrThrow({ where: { id: p.id } });
    expect(fresh.totalInvestment!.toString()).toBe("1500");
    expect(fresh.endYear).toBe(2027);
    expect(fresh.version).toBe(p.version + 1);
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { entityType: "Project", entityId: String(p.id), action: "project.update" },
      orderBy: { id: "desc" },
    });
    expect(audit.reason).toBe("调整申请 #" + request.id + " 审核通过：初设批复调增（批复文号 岳发改〔2026〕8号，2026-03-15）");
    expect(audit.changes).toEqual([
      { field: "endYear", old: "2025", new: "2027" },
      { field: "totalInvestment", old: "1000", new: "1500" },
    ]);
  });

  it("a request based on an outdated project is not applied; a returned one changes nothing", async () => {
    const p = await project("800");
    const res = await requestProjectChange(ctx.officer, edit(p, { totalInvestment: "900", reason: "调增" }));
    await updateProject(ctx.admin, edit(p, { name: `${p.name}（更名）`, totalInvestment: "800", reason: "按批复更名" }));
    const request = await db.projectChangeRequest.findUniqueOrThrow({ where: { id: res.requestId! } });
    await expectAppError(reviewChangeRequests(ctx.finance, { items: [{ id: request.id, version: request.version }], decision: "APPROVE" }), "CONFLICT");
    expect((await db.projectChangeRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe("SUBMITTED");
    await reviewChangeRequests(ctx.finance, {
      items: [{ id: request.id, version: request.version }],
      decision: "RETURN",
      comment: "项目信息已更新，请重新申请",
    });
    expect((await db.project.findUniqueOrThrow({ where: { id: p.id } })).totalInvestment!.toString()).toBe("800");
  });

  it("officers cannot change facts directly; the plan office can, with a reason", async () => {
    const p = await project("700");
    await expectAppError(updateProject(ctx.officer, edit(p, { totalInvestment: "750", reason: "x" })), "FORBIDDEN");
    const noReason = await expectAppError(updateProject(ctx.admin, edit(p, { totalInvestment: "750" })), "VALIDATION");
    expect(noReason.fieldErrors).toEqual({ reason: ["请说明修改原因"] });
    await updateProject(ctx.admin, edit(p, { totalInvestment: "750", reason: "按调整批复" }));
    const audit = await db.auditEvent.findFirstOrThrow({ where: { entityType: "Project", entityId: String(p.id) }, orderBy: { id: "desc" } });
    expect(audit.reason).toBe("直接修改：按调整批复");
  });
});

describe("official text comes from the counted revision", () => {
  it("形象进度, 存在问题 and 下步计划 of a draft, submitted or returned report are not official", async () => {
    const p = await project();
    const approved = await saveReport(ctx.officer, report(p.id, "2025-07", { progressText: "基础完成", problems: "无", nextSteps: "主体施工", submit: true }));
    await reviewReports(ctx.finance, { items: [{ id: approved.id, version: approved.version }], decision: "APPROVE" });
    const r = await db.progressReport.findUniqueOrThrow({ where: { id: approved.id } });
    const correction = await saveReport(
      ctx.officer,
      report(p.id, "2025-07", { version: r.version, progressText: "主体封顶", problems: "资金缺口", correctionReason: "更正进度", submit: true }),
    );
    expect(await figures(p.id, "2025-07")).toMatchObject({ progressText: "基础完成", problems: "无", nextSteps: "主体施工", reportStatus: "SUBMITTED" });
    expect(await figures(p.id, "2025-07", true)).toMatchObject({ progressText: "主体封顶", problems: "资金缺口" });
    await reviewReports(ctx.finance, { items: [{ id: correction.id, version: correction.version }], decision: "RETURN", comment: "请附监理意见" });
    expect(await figures(p.id, "2025-07", true)).toMatchObject({ progressText: "基础完成", problems: "无" });

    const draftOnly = await project();
    await saveReport(ctx.officer, report(draftOnly.id, "2025-07", { progressText: "草稿内容" }));
    expect(await figures(draftOnly.id, "2025-07", true)).toMatchObject({ progressText: null, progressPercent: null, reportStatus: "DRAFT" });
  });
});

describe("decisions are race-free", () => {
  it("20 concurrent mixed approve/return on one report: exactly 1 applies, 19 conflicts, 1 audit row", async () => {
    const p = await project();
    const s = await saveReport(ctx.officer, report(p.id, "2025-08", { completedAmount: "77", annualPlan: "900", submit: true }));
    const reviewers = await Promise.all(Array.from({ length: 4 }, () => sessionFor("FINANCE_REVIEWER")));
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        reviewReports(reviewers[i % 4], { items: [{ id: s.id, version: s.version }], decision: i % 2 ? "RETURN" : "APPROVE", comment: i % 2 ? "退回" : "" }),
      ),
    );
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost.map((l) => l.reason.code)).toEqual(Array(19).fill("CONFLICT"));
    const after = await db.progressReport.findUniqueOrThrow({ where: { id: s.id } });
    expect(after.version).toBe(s.version + 1);
    const decisions = await db.auditEvent.findMany({
      where: { entityType: "ProgressReport", entityId: String(s.id), action: { in: ["report.approve", "report.return"] } },
    });
    expect(decisions).toHaveLength(1);
    // Official figures as the winner left them.
    const approved = after.status === "APPROVED";
    expect(after.isOfficial).toBe(approved);
    expect(await figures(p.id, "2025-08")).toMatchObject({ periodWan: approved ? "77.0000" : null, annualPlanWan: approved ? "900.0000" : null });
  });

  it("20 concurrent decisions on one 调整申请 and on one annual plan proposal: exactly 1 applies each", async () => {
    const p = await project("100");
    const res = await requestProjectChange(ctx.officer, edit(p, { totalInvestment: "120", reason: "调增" }));
    const request = await db.projectChangeRequest.findUniqueOrThrow({ where: { id: res.requestId! } });
    await proposeAnnualPlan(ctx.officer, { projectId: p.id, year: 2026, amount: "60", moneyUnit: "wan" });
    const annual = await annualRow(p.id, 2026);
    const reviewers = await Promise.all(Array.from({ length: 4 }, () => sessionFor("FINANCE_REVIEWER")));
    const decide = (i: number) => (i % 2 ? { decision: "RETURN", comment: "退回" } : { decision: "APPROVE" });
    const [changes, annuals] = await Promise.all([
      Promise.allSettled(
        Array.from({ length: 20 }, (_, i) => reviewChangeRequests(reviewers[i % 4], { items: [{ id: request.id, version: request.version }], ...decide(i) })),
      ),
      Promise.allSettled(
        Array.from({ length: 20 }, (_, i) => reviewAnnualPlans(reviewers[i % 4], { items: [{ id: annual.id, version: annual.version }], ...decide(i) })),
      ),
    ]);
    for (const results of [changes, annuals]) {
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      expect(results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason.code)).toEqual(Array(19).fill("CONFLICT"));
    }
    const decidedRequest = await db.projectChangeRequest.findUniqueOrThrow({ where: { id: request.id } });
    const total = (await db.project.findUniqueOrThrow({ where: { id: p.id } })).totalInvestment!.toString();
    expect(total).toBe(decidedRequest.status === "APPROVED" ? "120" : "100");
    expect(
      await db.auditEvent.count({
        where: { entityType: "ProjectChangeRequest", entityId: String(request.id), action: { in: ["changeRequest.approve", "changeRequest.return"] } },
      }),
    ).toBe(1);
    expect(
      await db.auditEvent.count({
        where: { entityType: "AnnualPlanAmount", entityId: String(annual.id), action: { in: ["annualPlan.approve", "annualPlan.return"] } },
      }),
    ).toBe(1);
  });
});

describe("the database refuses money and reports on sub-projects", () => {
  it("no total, report or annual plan on a sub-project, whatever writes it", async () => {
    const parent = await project("500");
    const child = await makeProject(db, { planId: ctx.planId, sectionId: ctx.sectionId, unitId: ctx.unitId, totalWan: null, parentId: parent.id });
    await expect(db.project.update({ where: { id: child.id }, data: { totalInvestment: "1" } })).rejects.toThrow();
    await expect(db.progressReport.create({ data: { projectId: child.id, period: "2025-01", year: 2025, status: "DRAFT" } })).rejects.toThrow(/sub-project/);
    await expect(db.annualPlanAmount.create({ data: { projectId: child.id, year: 2025, amount: "1" } })).rejects.toThrow(/sub-project/);
  });
});
