import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { makePlan, makeProject } from "@/lib/server/seed/factories";
import type { SessionUser } from "@/lib/server/auth/current-user";
import { projectFigures } from "@/lib/server/rollups/project-figures";
import { reviewReports } from "@/lib/server/reports/review-reports";
import { saveReport } from "@/lib/server/reports/save-report";
import { saveReportGrid } from "@/lib/server/reports/save-report-grid";
import { submitReport } from "@/lib/server/reports/submit-report";
import { expectAppError, sessionFor } from "../support/users";

let ctx: { planId: number; sectionId: number; unitId: number; otherUnitId: number; officer: SessionUser; reviewer: SessionUser };
beforeAll(async () => {
  const { plan, section, units } = await makePlan(db, { unitNames: ["丁县", "戊县"] });
  ctx = {
    planId: plan.id,
    sectionId: section.id,
    unitId: units[0].id,
    otherUnitId: units[1].id,
    officer: await sessionFor("COUNTY_OFFICER", [units[0].id]),
    reviewer: await sessionFor("FINANCE_REVIEWER"),
  };
});

const project = (totalWan = "1000") => makeProject(db, { planId: ctx.planId, sectionId: ctx.sectionId, unitId: ctx.unitId, totalWan });
const report = (projectId: number, period: string, completedAmount: string, extra: Record<string, unknown> = {}) => ({
  projectId,
  period,
  moneyUnit: "wan",
  completedAmount,
  progressPercent: "10",
  progressText: "主体施工",
  problems: "",
  nextSteps: "",
  ...extra,
});
const current = (projectId: number, period: string) => db.progressReport.findFirstOrThrow({ where: { projectId, period, isCurrent: true } });
const figures = async (projectId: number, period: string, includeSubmitted = false) =>
  (await projectFigures({ planId: ctx.planId, period, projectIds: [projectId], includeSubmitted }))[0];

describe("report workflow", () => {
  it("draft → submitted → returned (with a comment) → edited → resubmitted → approved", async () => {
    const p = await project();
    const draft = await saveReport(ctx.officer, report(p.id, "2025-03", "120.5"));
    expect(draft.status).toBe("DRAFT");
    await submitReport(ctx.officer, { id: draft.id, version: draft.version });
    let r = await current(p.id, "2025-03");
    expect(r.status).toBe("SUBMITTED");

    // Frozen while under review.
    await expectAppError(saveReport(ctx.officer, report(p.id, "2025-03", "1", { version: r.version })), "VALIDATION");
    // A return needs a comment; officers cannot review.
    const noComment = await expectAppError(
      reviewReports(ctx.reviewer, { items: [{ id: r.id, version: r.version }], decision: "RETURN", comment: "" }),
      "VALIDATION",
    );
    expect(noComment.fieldErrors).toEqual({ comment: ["退回时请填写退回意见"] });
    await expectAppError(reviewReports(ctx.officer, { items: [{ id: r.id, version: r.version }], decision: "APPROVE" }), "FORBIDDEN");
    await reviewReports(ctx.reviewer, { items: [{ id: r.id, version: r.version }], decision: "RETURN", comment: "本期完成额与监理月报不符" });
    r = await current(p.id, "2025-03");
    expect(r).toMatchObject({ status: "RETURNED", reviewComment: "本期完成额与监理月报不符", isOfficial: false });

    await saveReport(ctx.officer, report(p.id, "2025-03", "110", { version: r.version, submit: true }));
    r = await current(p.id, "2025-03");
    expect(r.status).toBe("SUBMITTED");
    await reviewReports(ctx.reviewer, { items: [{ id: r.id, version: r.version }], decision: "APPROVE" });
    r = await current(p.id, "2025-03");
    expect(r).toMatchObject({ status: "APPROVED", isOfficial: true, revision: 1 });
    expect(r.completedAmount!.toString()).toBe("110");
    const actions = (await db.auditEvent.findMany({ where: { entityType: "ProgressReport", entityId: String(r.id) }, orderBy: { id: "asc" } })).map(
      (a) => a.action,
    );
    expect(actions).toEqual(["report.create", "report.submit", "report.return", "report.update", "report.submit", "report.approve"]);
  });

  it("who may move reports: other county officers and reviewers cannot write; a stale review changes nothing", async () => {
    const p = await project();
    const other = await sessionFor("COUNTY_OFFICER", [ctx.otherUnitId]);
    await expectAppError(saveReport(other, report(p.id, "2025-04", "1")), "FORBIDDEN");
    await expectAppError(saveReport(ctx.reviewer, report(p.id, "2025-04", "1")), "FORBIDDEN");
    const saved = await saveReport(ctx.officer, report(p.id, "2025-04", "1", { submit: true }));
    await expectAppError(reviewReports(ctx.reviewer, { items: [{ id: saved.id, version: saved.version + 1 }], decision: "APPROVE" }), "CONFLICT");
    expect((await current(p.id, "2025-04")).status).toBe("SUBMITTED");
  });

  it("cumulative figures come from approved reports only; submitted ones only when asked, labelled by the caller", async () => {
    const p = await project();
    for (const [period, amount] of [
      ["2025-01", "100"],
      ["2025-02", "50.25"],
    ] as const) {
      const s = await saveReport(ctx.officer, report(p.id, period, amount, { submit: true }));
      await reviewReports(ctx.reviewer, { items: [{ id: s.id, version: s.version }], decision: "APPROVE" });
    }
    await saveReport(ctx.officer, report(p.id, "2025-03", "30", { submit: true, annualPlan: "400" }));
    await saveReport(ctx.officer, report(p.id, "2024-12", "7", { submit: false }));
    const f = await figures(p.id, "2025-03");
    // The annual plan typed with the submitted report is a proposal: not official until approved.
    expect(f).toMatchObject({ periodWan: null, yearToDateWan: "150.2500", cumulativeWan: "150.2500", annualPlanWan: null, reportStatus: "SUBMITTED" });
    const withSubmitted = await figures(p.id, "2025-03", true);
    expect(withSubmitted).toMatchObject({ periodWan: "30.0000", yearToDateWan: "180.2500", cumulativeWan: "180.2500", annualPlanWan: "400.0000" });
  });

  it("an approved period is locked; a correction is a new revision that counts only once approved", async () => {
    const p = await project();
    const first = await saveReport(ctx.officer, report(p.id, "2025-05", "200", { submit: true }));
    await reviewReports(ctx.reviewer, { items: [{ id: first.id, version: first.version }], decision: "APPROVE" });
    const approved = await current(p.id, "2025-05");
    const locked = await expectAppError(saveReport(ctx.officer, report(p.id, "2025-05", "250", { version: approved.version })), "VALIDATION");
    expect(locked.fieldErrors).toEqual({ correctionReason: ["请填写更正原因"] });

    const correction = await saveReport(
      ctx.officer,
      report(p.id, "2025-05", "250", { version: approved.version, correctionReason: "监理复核后调整", submit: true }),
    );
    expect((await figures(p.id, "2025-05")).cumulativeWan).toBe("200.0000");
    expect((await figures(p.id, "2025-05", true)).cumulativeWan).toBe("250.0000");
    await reviewReports(ctx.reviewer, { items: [{ id: correction.id, version: correction.version }], decision: "APPROVE" });
    expect((await figures(p.id, "2025-05")).cumulativeWan).toBe("250.0000");
    const history = await db.progressReport.findMany({ where: { projectId: p.id, period: "2025-05" }, orderBy: { revision: "asc" } });
    expect(history.map((h) => [h.revision, h.status, h.isCurrent, h.isOfficial, h.completedAmount!.toString(), h.correctionReason])).toEqual([
      [1, "APPROVED", false, false, "200", null],
      [2, "APPROVED", true, true, "250", "监理复核后调整"],
    ]);
  });

  it("checks amounts, units, periods and build periods with clear messages, and warns past the total", async () => {
    const p = await project("100");
    const bad = await expectAppError(saveReport(ctx.officer, report(p.id, "2025-06", "-1", { progressPercent: "120" })), "VALIDATION");
    expect(bad.fieldErrors).toMatchObject({ completedAmount: [expect.stringContaining("不小于 0")], progressPercent: ["形象进度请填 0–100 之间的数字"] });
    const period = await expectAppError(saveReport(ctx.officer, report(p.id, "2025-13", "1")), "VALIDATION");
    expect(period.fieldErrors).toEqual({ period: ["期次格式不正确，应为 2025-03（月报）或 2025-Q1（季报）"] });
    await expectAppError(saveReport(ctx.officer, report(p.id, "2099-01", "1")), "VALIDATION");
    const outside = await expectAppError(saveReport(ctx.officer, report(p.id, "2020-06", "1")), "VALIDATION");
    expect(outside.fieldErrors).toEqual({ outOfPeriodReason: ["填报期次不在建设期内，请说明原因"] });
    const early = await saveReport(ctx.officer, report(p.id, "2020-06", "1", { outOfPeriodReason: "前期费用", submit: true }));
    expect(await db.progressReport.count({ where: { projectId: p.id } })).toBe(1);
    await reviewReports(ctx.reviewer, { items: [{ id: early.id, version: early.version }], decision: "APPROVE" });

    // 0.01 亿元 = 100 万元: exact, and over the 100 万元 total with the 1 万元 above → a warning, saved anyway.
    const over = await saveReport(ctx.officer, report(p.id, "2025-06", "0.01", { moneyUnit: "yi" }));
    expect((await current(p.id, "2025-06")).completedAmount!.toString()).toBe("100");
    expect(over.warnings).toEqual(["累计完成投资 101 万元将超过项目总投资 100 万元，请核实。"]);
  });

  it("sub-projects of a bundle are not reported on their own", async () => {
    const parent = await project("500");
    const child = await makeProject(db, { planId: ctx.planId, sectionId: ctx.sectionId, unitId: ctx.unitId, totalWan: null, parentId: parent.id });
    await expectAppError(saveReport(ctx.officer, report(child.id, "2025-07", "1")), "VALIDATION");
  });
});

describe("report grid", () => {
  it("a half-good grid saves the good rows and returns the bad ones with their messages", async () => {
    const [a, b, c] = [await project(), await project(), await project()];
    const foreign = await makeProject(db, { planId: ctx.planId, sectionId: ctx.sectionId, unitId: ctx.otherUnitId });
    const result = await saveReportGrid(ctx.officer, {
      period: "2025-08",
      rows: [report(a.id, "", "10"), report(b.id, "", "abc"), report(c.id, "", "20", { submit: true }), report(foreign.id, "", "5")],
    });
    expect(result.saved).toBe(2);
    expect(result.failed).toBe(2);
    const byProject = Object.fromEntries(result.results.map((r) => [r.projectId, r]));
    expect(byProject[b.id]).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { completedAmount: [expect.stringContaining("数字")] } });
    expect(byProject[foreign.id]).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect((await current(a.id, "2025-08")).status).toBe("DRAFT");
    expect((await current(c.id, "2025-08")).status).toBe("SUBMITTED");
    expect(await db.progressReport.count({ where: { projectId: { in: [b.id, foreign.id] } } })).toBe(0);
  });
});

describe("plan reporting cycle", () => {
  it("an admin switches a plan to quarterly before any report exists; quarterly periods are then required", async () => {
    const { updatePlanSettings } = await import("@/lib/server/plans/update-plan-settings");
    const { plan, section, units } = await makePlan(db, { unitNames: ["壬县"] });
    const admin = await sessionFor("ADMIN");
    const officer = await sessionFor("COUNTY_OFFICER", [units[0].id]);
    await expectAppError(updatePlanSettings(officer, { id: plan.id, version: plan.version, reportingCycle: "QUARTERLY" }), "FORBIDDEN");
    await updatePlanSettings(admin, { id: plan.id, version: plan.version, reportingCycle: "QUARTERLY" });
    const p = await makeProject(db, { planId: plan.id, sectionId: section.id, unitId: units[0].id });
    const monthly = await expectAppError(saveReport(officer, report(p.id, "2025-03", "1")), "VALIDATION");
    expect(monthly.fieldErrors).toEqual({ period: ["期次格式应为 2025-Q1"] });
    await saveReport(officer, report(p.id, "2025-Q1", "1"));
    const locked = await expectAppError(updatePlanSettings(admin, { id: plan.id, version: plan.version + 1, reportingCycle: "MONTHLY" }), "VALIDATION");
    expect(locked.message).toContain("已有调度报告");
  });
});

describe("races", () => {
  it("20 concurrent saves of the same report from the same stale version: exactly 1 saved, 19 clear conflicts, 1 audited change", async () => {
    const p = await project();
    const base = await saveReport(ctx.officer, report(p.id, "2025-09", "10"));
    const auditBefore = await db.auditEvent.count({ where: { entityType: "ProgressReport", entityId: String(base.id) } });
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => saveReport(ctx.officer, report(p.id, "2025-09", String(100 + i), { version: base.version }))),
    );
    const saved = results.filter((r) => r.status === "fulfilled");
    const conflicts = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(saved).toHaveLength(1);
    expect(conflicts).toHaveLength(19);
    expect(conflicts.every((c) => c.reason.code === "CONFLICT" && c.reason.message.startsWith("保存失败：该期报告在您编辑期间已被修改"))).toBe(true);
    expect(await db.auditEvent.count({ where: { entityType: "ProgressReport", entityId: String(base.id) } })).toBe(auditBefore + 1);
    const r = await current(p.id, "2025-09");
    expect(r.version).toBe(base.version + 1);
    expect(await db.progressReport.count({ where: { projectId: p.id } })).toBe(1);
  });

  it("20 concurrent first reports for the same period create exactly one report", async () => {
    const p = await project();
    const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => saveReport(ctx.officer, report(p.id, "2025-10", String(i + 1)))));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db.progressReport.count({ where: { projectId: p.id } })).toBe(1);
  });
});

describe("idempotent saves", () => {
  it("saving exactly what is stored, even from a stale copy, changes nothing and conflicts with nothing", async () => {
    const p = await project();
    const first = await saveReport(ctx.officer, report(p.id, "2025-11", "10"));
    await saveReport(ctx.officer, report(p.id, "2025-11", "12", { version: first.version }));
    const audit = await db.auditEvent.count({ where: { entityType: "ProgressReport", entityId: String(first.id) } });
    const again = await saveReport(ctx.officer, report(p.id, "2025-11", "12", { version: first.version }));
    expect(again.version).toBe(first.version + 1);
    expect(await db.auditEvent.count({ where: { entityType: "ProgressReport", entityId: String(first.id) } })).toBe(audit);
    await expectAppError(saveReport(ctx.officer, report(p.id, "2025-11", "13", { version: first.version })), "CONFLICT");
  });
});
