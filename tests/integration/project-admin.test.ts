import { beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { POST as createProjectRoute } from "@/app/api/v1/projects/route";
import { OPERATIONS, RESPONSE_COMPONENTS } from "@/lib/api/operations";
import { db } from "@/lib/db";
import { currentPeriod, periodsOfYear, periodYear, previousPeriod } from "@/lib/periods";
import type { ProjectEntryInput } from "@/lib/schemas/project-entry";
import { newToken } from "@/lib/server/api-tokens/token-hash";
import { loadActiveUser, type SessionUser } from "@/lib/server/auth/current-user";
import { archivePlan } from "@/lib/server/plans/archive-plan";
import { admitProjects } from "@/lib/server/projects/admit-projects";
import { createProject } from "@/lib/server/projects/create-project";
import { requestProjectChange } from "@/lib/server/projects/request-project-change";
import { requestWithdrawal } from "@/lib/server/projects/request-withdrawal";
import { resubmitProject } from "@/lib/server/projects/resubmit-project";
import { reviewChangeRequests } from "@/lib/server/projects/review-change-requests";
import { reviewQueue } from "@/lib/server/reports/review-queue";
import { reviewReports } from "@/lib/server/reports/review-reports";
import { saveReport } from "@/lib/server/reports/save-report";
import { makePlan, makeProject } from "@/lib/server/seed/factories";
import { expectAppError, sessionFor } from "../support/users";

// Portfolio administration: projects added by hand (申报 → 入库 review) and 调出 (withdrawal) through a
// reviewed request. Figures are asserted elsewhere (the counting rule); here: states, refusals, audit.
type Ctx = {
  planId: number;
  sectionId: number;
  a: number;
  b: number;
  retired: number;
  otherPlan: { planId: number; sectionId: number; unitId: number };
  officer: SessionUser;
  officerB: SessionUser;
  finance: SessionUser;
  viewer: SessionUser;
  admin: SessionUser;
  admin2: SessionUser;
};
let ctx: Ctx;

beforeAll(async () => {
  const { plan, section, units } = await makePlan(db, { unitNames: ["甲县", "乙县", "撤销县"] });
  await db.reportingUnit.update({ where: { id: units[2].id }, data: { retiredAt: new Date() } });
  const other = await makePlan(db, { unitNames: ["丙县"] });
  ctx = {
    planId: plan.id,
    sectionId: section.id,
    a: units[0].id,
    b: units[1].id,
    retired: units[2].id,
    otherPlan: { planId: other.plan.id, sectionId: other.section.id, unitId: other.units[0].id },
    // The officer of 甲县 also serves 丙县 (another plan) and the retired unit: those are refused for other reasons.
    officer: await sessionFor("COUNTY_OFFICER", [units[0].id, units[2].id, other.units[0].id]),
    officerB: await sessionFor("COUNTY_OFFICER", [units[1].id]),
    finance: await sessionFor("FINANCE_REVIEWER"),
    viewer: await sessionFor("VIEWER"),
    admin: await sessionFor("ADMIN"),
    admin2: await sessionFor("ADMIN"),
  };
});

let seq = 0;
const entry = (extra: Partial<ProjectEntryInput> = {}): ProjectEntryInput => ({
  planId: ctx.planId,
  unitId: ctx.a,
  sectionId: ctx.sectionId,
  parentId: "",
  name: `录入项目 ${process.pid}-${++seq}`,
  owner: "甲县人民医院",
  nature: "NEW",
  startYear: 2025,
  endYear: 2030,
  totalInvestment: "1.5",
  moneyUnit: "yi",
  fundingCentral: "0.5",
  fundingProvincial: "",
  fundingLocal: "0.2",
  fundingSpecialBond: "0.8",
  fundingSelf: "",
  scope: "新建住院楼 2 万平方米，床位 300 张",
  approvalCode: "2025-430602-84-01-012345",
  ...extra,
});
const project = (id: number) => db.project.findUniqueOrThrow({ where: { id } });
const audits = (id: number) => db.auditEvent.findMany({ where: { entityType: "Project", entityId: String(id) }, orderBy: { id: "asc" } });
const writes = async () => ({ projects: await db.project.count(), audits: await db.auditEvent.count(), milestones: await db.milestone.count() });

describe("adding a project by hand", () => {
  it("an officer's entry is a 申报: ENTERED provenance, PROPOSED, amounts in 万元, template milestones, audited", async () => {
    const input = entry();
    const res = await createProject(ctx.officer, input);
    expect(res).toMatchObject({ version: 1, admission: "PROPOSED", warnings: [] });
    const p = await project(res.id);
    expect(p).toMatchObject({
      planId: ctx.planId,
      unitId: ctx.a,
      sectionId: ctx.sectionId,
      parentId: null,
      kind: "PROJECT",
      name: input.name,
      owner: "甲县人民医院",
      nature: "NEW",
      startYear: 2025,
      endYear: 2030,
      scope: "新建住院楼 2 万平方米，床位 300 张",
      approvalCode: "2025-430602-84-01-012345",
      sourceKind: "ENTERED",
      sourceFile: null,
      sourceLocator: null,
      sourceText: null,
      enteredById: ctx.officer.id,
      admission: "PROPOSED",
      endPeriod: null,
    });
    expect(p.key).toMatch(/^ent-[0-9a-f-]{36}$/);
    expect(
      [p.totalInvestment, p.fundingCentral, p.fundingProvincial, p.fundingLocal, p.fundingSpecialBond, p.fundingSelf].map((d) => d?.toString() ?? null),
    ).toEqual(["15000", "5000", null, "2000", "8000", null]);
    expect(await db.milestone.count({ where: { projectId: p.id } })).toBe(9);
    const [created] = await audits(p.id);
    expect(created).toMatchObject({ action: "project.create", actorId: ctx.officer.id, planId: ctx.planId, unitId: ctx.a, entityVersion: 1 });
    expect(created.changes).toEqual(
      expect.arrayContaining([
        { field: "totalInvestment", old: null, new: "15000" },
        { field: "admission", old: null, new: "PROPOSED" },
        { field: "nature", old: null, new: "NEW" },
      ]),
    );
  });

  it("funding sources that do not add up to the total are a warning, not a refusal", async () => {
    const res = await createProject(ctx.officer, entry({ fundingSelf: "0.1" }));
    expect(res.warnings).toEqual(["资金来源合计 1.6 亿元，与总投资 1.5 亿元 不一致（可保存，请核对）。"]);
    expect((await project(res.id)).fundingSelf!.toString()).toBe("1000");
    // No sources typed: nothing to compare.
    const none = await createProject(ctx.officer, entry({ fundingCentral: "", fundingLocal: "", fundingSpecialBond: "" }));
    expect(none.warnings).toEqual([]);
  });

  it("the plan office's entry is admitted directly, still with ENTERED provenance", async () => {
    const res = await createProject(
      ctx.admin,
      entry({ unitId: ctx.b, moneyUnit: "wan", totalInvestment: "800", fundingCentral: "800", fundingLocal: "", fundingSpecialBond: "" }),
    );
    expect(res.admission).toBe("ADMITTED");
    expect(await project(res.id)).toMatchObject({ admission: "ADMITTED", sourceKind: "ENTERED", enteredById: ctx.admin.id, unitId: ctx.b });
    expect((await audits(res.id))[0].reason).toBe("规划办录入，直接入库");
  });

  it("refuses invalid input field by field, money beyond NUMERIC(18,4) and ids beyond int4; nothing written", async () => {
    const before = await writes();
    const refused = async (input: Record<string, unknown>, field: string) => {
      const e = await expectAppError(createProject(ctx.officer, input), "VALIDATION");
      expect(Object.keys(e.fieldErrors ?? {}), JSON.stringify(e.fieldErrors)).toContain(field);
    };
    await refused(entry({ name: "" }), "name");
    await refused(entry({ owner: "" }), "owner");
    await refused(entry({ nature: "REBUILD" as never }), "nature");
    await refused(entry({ scope: "" }), "scope");
    await refused(entry({ startYear: "" }), "startYear");
    await refused(entry({ startYear: 2028, endYear: 2026 }), "endYear");
    await refused(entry({ totalInvestment: "" }), "totalInvestment");
    await refused(entry({ totalInvestment: "-1" }), "totalInvestment");
    await refused(entry({ totalInvestment: "1e5" }), "totalInvestment");
    await refused(entry({ approvalCode: "代码 1" }), "approvalCode");
    await refused(entry({ name: "名".repeat(501) }), "name");
    await refused(entry({ scope: "字".repeat(2001) }), "scope");
    // 14 integer digits in 万元 at most, 4 decimals: 1e10 亿元 = 1e14 万元 is one digit too many.
    await refused(entry({ totalInvestment: "10000000000", fundingCentral: "", fundingLocal: "", fundingSpecialBond: "" }), "totalInvestment");
    await refused(entry({ moneyUnit: "wan", totalInvestment: "100000000000000" }), "totalInvestment");
    await refused(entry({ moneyUnit: "wan", totalInvestment: "1.00001" }), "totalInvestment");
    await refused(entry({ fundingSelf: "0.000000001" }), "fundingSelf");
    await refused(entry({ planId: 2147483648 }), "planId");
    await refused(entry({ unitId: 2147483648 }), "unitId");
    await refused(entry({ sectionId: "x" as never }), "sectionId");
    await refused(entry({ parentId: 2147483648 }), "parentId");
    // In the database's terms: a unit of another plan, a retired unit, a category of another plan.
    await refused(entry({ unitId: ctx.otherPlan.unitId }), "unitId");
    await refused(entry({ unitId: ctx.retired }), "unitId");
    await refused(entry({ sectionId: ctx.otherPlan.sectionId }), "sectionId");
    expect(await writes()).toEqual(before);
    // The largest amount that fits, and 8 decimals of 亿元 (4 of 万元), are accepted.
    const max = await createProject(
      ctx.officer,
      entry({ moneyUnit: "wan", totalInvestment: "99999999999999.9999", fundingCentral: "", fundingLocal: "", fundingSpecialBond: "" }),
    );
    expect((await project(max.id)).totalInvestment!.toString()).toBe("99999999999999.9999");
    const fine = await createProject(ctx.officer, entry({ totalInvestment: "0.00000001", fundingCentral: "", fundingLocal: "", fundingSpecialBond: "" }));
    expect((await project(fine.id)).totalInvestment!.toString()).toBe("0.0001");
  });

  it("refuses a second project of the same name in the unit", async () => {
    const input = entry();
    await createProject(ctx.officer, input);
    const e = await expectAppError(createProject(ctx.admin, input), "VALIDATION");
    expect(e.fieldErrors?.name?.[0]).toMatch(/已有同名项目/);
  });

  it("authorisation: an officer of another unit, finance and a viewer are refused; nothing written", async () => {
    const before = await writes();
    await expectAppError(createProject(ctx.officerB, entry()), "FORBIDDEN");
    await expectAppError(createProject(ctx.finance, entry()), "FORBIDDEN");
    await expectAppError(createProject(ctx.viewer, entry()), "FORBIDDEN");
    // A unit id the officer does not hold, whatever the plan says.
    await expectAppError(createProject(ctx.officer, entry({ unitId: ctx.b })), "FORBIDDEN");
    expect(await writes()).toEqual(before);
  });

  it("a sub-project goes under a bundle line of the same plan and unit and carries no money", async () => {
    const bundle = await makeProject(db, { planId: ctx.planId, sectionId: ctx.sectionId, unitId: ctx.a, totalWan: "5000" });
    const noMoney = { parentId: bundle.id, totalInvestment: "", fundingCentral: "", fundingLocal: "", fundingSpecialBond: "" };
    const res = await createProject(ctx.officer, entry(noMoney));
    expect(await project(res.id)).toMatchObject({ parentId: bundle.id, totalInvestment: null, fundingCentral: null, admission: "PROPOSED" });
    expect(await db.milestone.count({ where: { projectId: res.id } })).toBe(9);

    const otherUnit = await makeProject(db, { planId: ctx.planId, sectionId: ctx.sectionId, unitId: ctx.b });
    const before = await writes();
    const money = await expectAppError(createProject(ctx.officer, entry({ parentId: bundle.id })), "VALIDATION");
    expect(Object.keys(money.fieldErrors!)).toEqual(expect.arrayContaining(["totalInvestment", "fundingCentral"]));
    await expectAppError(createProject(ctx.officer, entry({ ...noMoney, parentId: otherUnit.id })), "VALIDATION");
    await expectAppError(createProject(ctx.officer, entry({ ...noMoney, parentId: res.id })), "VALIDATION"); // a sub-project is no bundle line
    expect(await writes()).toEqual(before);
  });
});

describe("入库 review", () => {
  it("the plan office admits a 申报; the officer's desk queue shows it until then", async () => {
    const { id } = await createProject(ctx.officer, entry());
    const queue = await reviewQueue(ctx.admin, {});
    expect(queue.projects!.find((p) => p.id === id)).toMatchObject({ own: false, enteredBy: expect.any(String), admission: "PROPOSED" });
    expect((await reviewQueue(ctx.finance, {})).projects).toBeNull();

    await expectAppError(admitProjects(ctx.finance, { items: [{ id, version: 1 }], decision: "APPROVE" }), "FORBIDDEN");
    await expectAppError(admitProjects(ctx.officer, { items: [{ id, version: 1 }], decision: "APPROVE" }), "FORBIDDEN");
    expect(await admitProjects(ctx.admin, { items: [{ id, version: 1 }], decision: "APPROVE" })).toEqual({ count: 1 });
    expect(await project(id)).toMatchObject({ admission: "ADMITTED", version: 2, admissionComment: null });
    const decided = (await audits(id)).at(-1)!;
    expect(decided).toMatchObject({
      action: "project.admit",
      actorId: ctx.admin.id,
      entityVersion: 2,
      changes: [{ field: "admission", old: "PROPOSED", new: "ADMITTED" }],
    });
    expect((await reviewQueue(ctx.admin, {})).projects!.some((p) => p.id === id)).toBe(false);
    // Admitted: edits go through 调整申请 again, and the entry form refuses.
    const p = await project(id);
    await expectAppError(resubmitProject(ctx.officer, { ...entry({ name: p.name }), id, version: p.version }), "VALIDATION");
  });

  it("returned with a comment; the officer edits and resubmits; then it is admitted", async () => {
    const input = entry();
    const { id } = await createProject(ctx.officer, input);
    const noComment = await expectAppError(admitProjects(ctx.admin, { items: [{ id, version: 1 }], decision: "RETURN" }), "VALIDATION");
    expect(noComment.fieldErrors).toEqual({ comment: ["退回时请填写退回意见"] });
    await admitProjects(ctx.admin, { items: [{ id, version: 1 }], decision: "RETURN", comment: "请补充项目代码对应的批复" });
    expect(await project(id)).toMatchObject({ admission: "RETURNED", admissionComment: "请补充项目代码对应的批复", version: 2 });
    expect((await audits(id)).at(-1)).toMatchObject({ action: "project.return", reason: "请补充项目代码对应的批复" });
    // A not-admitted project is not changed by 调整申请.
    await expectAppError(
      requestProjectChange(ctx.officer, {
        id,
        version: 2,
        name: "改名",
        owner: "",
        startYear: 2025,
        endYear: 2030,
        totalInvestment: "1",
        moneyUnit: "wan",
        unitId: ctx.a,
        sectionId: ctx.sectionId,
        status: "PREPARATION",
        reason: "x",
      }),
      "VALIDATION",
    );
    // Another unit's officer cannot touch it; a stale version is a conflict.
    await expectAppError(resubmitProject(ctx.officerB, { ...input, id, version: 2 }), "FORBIDDEN");
    await expectAppError(resubmitProject(ctx.officer, { ...input, id, version: 1 }), "CONFLICT");

    const res = await resubmitProject(ctx.officer, {
      ...input,
      id,
      version: 2,
      approvalCode: "2025-430602-84-01-099999",
      totalInvestment: "1.6",
      fundingSelf: "0.1",
    });
    expect(res).toMatchObject({ version: 3, admission: "PROPOSED", warnings: [] });
    expect(await project(id)).toMatchObject({ admission: "PROPOSED", admissionComment: null, approvalCode: "2025-430602-84-01-099999", version: 3 });
    const resubmitted = (await audits(id)).at(-1)!;
    expect(resubmitted).toMatchObject({ action: "project.resubmit", actorId: ctx.officer.id, entityVersion: 3 });
    expect(resubmitted.changes).toEqual(
      expect.arrayContaining([
        { field: "approvalCode", old: "2025-430602-84-01-012345", new: "2025-430602-84-01-099999" },
        { field: "totalInvestment", old: "15000", new: "16000" },
        { field: "admission", old: "RETURNED", new: "PROPOSED" },
      ]),
    );
    // The reviewer's stale view (version 2) no longer applies.
    await expectAppError(admitProjects(ctx.admin, { items: [{ id, version: 2 }], decision: "APPROVE" }), "CONFLICT");
    await admitProjects(ctx.admin, { items: [{ id, version: 3 }], decision: "APPROVE" });
    expect((await project(id)).admission).toBe("ADMITTED");
  });

  it("an edit of a 申报 still pending stays pending and is audited as a direct change", async () => {
    const input = entry();
    const { id } = await createProject(ctx.officer, input);
    const unchanged = await resubmitProject(ctx.officer, { ...input, id, version: 1 });
    expect(unchanged).toMatchObject({ version: 1, changed: 0 });
    const res = await resubmitProject(ctx.officer, { ...input, id, version: 1, nature: "EXPANSION" });
    expect(res).toMatchObject({ version: 2, changed: 1, admission: "PROPOSED" });
    expect((await audits(id)).at(-1)).toMatchObject({ action: "project.update", changes: [{ field: "nature", old: "NEW", new: "EXPANSION" }] });
  });

  it("nobody admits their own entry", async () => {
    // An officer's entry, the officer later made an administrator: another admin must decide it.
    const officer = await sessionFor("COUNTY_OFFICER", [ctx.a]);
    const { id } = await createProject(officer, entry());
    const promoted = await db.user.update({ where: { id: officer.id }, data: { role: "ADMIN" } });
    const asAdmin = (await loadActiveUser(promoted.id, promoted.sessionVersion))!;
    expect((await reviewQueue(asAdmin, {})).projects!.find((p) => p.id === id)?.own).toBe(true);
    const before = await writes();
    await expectAppError(admitProjects(asAdmin, { items: [{ id, version: 1 }], decision: "APPROVE" }), "FORBIDDEN");
    expect(await writes()).toEqual(before);
    expect((await project(id)).admission).toBe("PROPOSED");
    await admitProjects(ctx.admin2, { items: [{ id, version: 1 }], decision: "APPROVE" });
    expect((await project(id)).admission).toBe("ADMITTED");
  });

  it("a sub-project is admitted with or after its bundle line, never before", async () => {
    const bundle = await createProject(ctx.officer, entry());
    const sub = await createProject(
      ctx.officer,
      entry({ parentId: bundle.id, totalInvestment: "", fundingCentral: "", fundingLocal: "", fundingSpecialBond: "" }),
    );
    await expectAppError(admitProjects(ctx.admin, { items: [{ id: sub.id, version: 1 }], decision: "APPROVE" }), "VALIDATION");
    // Together, in any order: the bundle line is decided first.
    await admitProjects(ctx.admin, {
      items: [
        { id: sub.id, version: 1 },
        { id: bundle.id, version: 1 },
      ],
      decision: "APPROVE",
    });
    expect((await project(sub.id)).admission).toBe("ADMITTED");
    expect((await project(bundle.id)).admission).toBe("ADMITTED");
  });

  it("20 concurrent decisions on one 申报: exactly 1 applies, 19 conflicts, 1 audit row", async () => {
    const { id } = await createProject(ctx.officer, entry());
    const reviewers = await Promise.all(Array.from({ length: 4 }, () => sessionFor("ADMIN")));
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        admitProjects(reviewers[i % 4], { items: [{ id, version: 1 }], decision: i % 2 ? "RETURN" : "APPROVE", comment: i % 2 ? "退回" : "" }),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason.code)).toEqual(Array(19).fill("CONFLICT"));
    const after = await project(id);
    expect(after.version).toBe(2);
    expect(["ADMITTED", "RETURNED"]).toContain(after.admission);
    expect((await audits(id)).filter((a) => a.action === "project.admit" || a.action === "project.return")).toHaveLength(1);
  });
});

describe("调出 (withdrawal) through a reviewed request", () => {
  const cycle = "MONTHLY" as const;
  const now = () => currentPeriod(cycle);
  const next = () =>
    periodsOfYear(periodYear(now()), cycle)
      .concat(periodsOfYear(periodYear(now()) + 1, cycle))
      .find((p) => p > now())!;
  const admitted = async (unitId = ctx.a) =>
    makeProject(db, { planId: ctx.planId, sectionId: ctx.sectionId, unitId, totalWan: "1000", startYear: 2021, endYear: 2030 });
  const approvedReport = async (projectId: number, period: string) => {
    const r = await saveReport(ctx.officer, { projectId, period, moneyUnit: "wan", completedAmount: "10", submit: true });
    await reviewReports(ctx.finance, { items: [{ id: r.id, version: r.version }], decision: "APPROVE" });
    return r.id;
  };
  const request = (id: number) => db.projectChangeRequest.findUniqueOrThrow({ where: { id } });

  it("an officer files it (default: the current period); approval sets endPeriod on the project and its sub-projects; history stays", async () => {
    const p = await admitted();
    const subs = await Promise.all(
      [1, 2].map((i) =>
        makeProject(db, { planId: ctx.planId, sectionId: ctx.sectionId, unitId: ctx.a, parentId: p.id, totalWan: null, name: `子项目 ${p.id}-${i}` }),
      ),
    );
    const earlier = previousPeriod(now(), cycle);
    const reportId = await approvedReport(p.id, earlier);
    const version = (await project(p.id)).version;

    const filed = await requestWithdrawal(ctx.officer, { projectId: p.id, version, reason: "上级批复取消该项目" });
    expect(filed.effectivePeriod).toBe(now());
    const r = await request(filed.requestId);
    expect(r).toMatchObject({ kind: "WITHDRAW", status: "SUBMITTED", effectivePeriod: now(), baseVersion: version, createdById: ctx.officer.id });
    // Nothing changes before the review.
    expect((await project(p.id)).endPeriod).toBeNull();
    const queued = (await reviewQueue(ctx.finance, {})).changeRequests.find((c) => c.id === r.id);
    expect(queued).toMatchObject({ kind: "WITHDRAW", effectivePeriod: now(), own: false });

    await reviewChangeRequests(ctx.finance, { items: [{ id: r.id, version: 1 }], decision: "APPROVE" });
    expect(await request(r.id)).toMatchObject({ status: "APPROVED", reviewedById: ctx.finance.id });
    const after = await project(p.id);
    expect(after).toMatchObject({ endPeriod: now(), version: version + 1, admission: "ADMITTED", deletedAt: null, totalInvestment: p.totalInvestment });
    for (const s of subs) expect((await project(s.id)).endPeriod).toBe(now());
    // Past periods are untouched: the approved report still counts for its period.
    expect(await db.progressReport.findUniqueOrThrow({ where: { id: reportId } })).toMatchObject({ status: "APPROVED", isOfficial: true, period: earlier });
    const withdrawn = (await audits(p.id)).at(-1)!;
    expect(withdrawn).toMatchObject({
      action: "project.withdraw",
      actorId: ctx.finance.id,
      entityVersion: version + 1,
      changes: [{ field: "endPeriod", old: null, new: now() }],
    });
    expect(withdrawn.reason).toContain("上级批复取消该项目");
    for (const s of subs) expect((await audits(s.id)).at(-1)).toMatchObject({ action: "project.withdraw" });
    const requestAudit = await db.auditEvent.findMany({ where: { entityType: "ProjectChangeRequest", entityId: String(r.id) }, orderBy: { id: "asc" } });
    expect(requestAudit.map((a) => a.action)).toEqual(["changeRequest.submit", "changeRequest.approve"]);

    // Withdrawn once is enough.
    await expectAppError(requestWithdrawal(ctx.officer, { projectId: p.id, version: after.version, reason: "再次" }), "VALIDATION");
  });

  it("never rewrites a period with approved figures: periods before now or up to the last approved report are refused", async () => {
    const p = await admitted();
    const period = async (effectivePeriod: string) =>
      (
        await expectAppError(
          requestWithdrawal(ctx.officer, { projectId: p.id, version: (await project(p.id)).version, effectivePeriod, reason: "取消" }),
          "VALIDATION",
        )
      ).fieldErrors?.effectivePeriod;
    expect(await period(previousPeriod(now(), cycle))).toBeDefined();
    expect(await period("2026-13")).toBeDefined();
    expect(await period(`${periodYear(now())}-Q4`)).toBeDefined();
    await approvedReport(p.id, now());
    expect(await period(now())).toEqual([expect.stringContaining("已有审核通过的报告")]);
    const ok = await requestWithdrawal(ctx.officer, { projectId: p.id, version: (await project(p.id)).version, effectivePeriod: next(), reason: "取消" });
    expect(ok.effectivePeriod).toBe(next());
    expect(await db.projectChangeRequest.count({ where: { projectId: p.id } })).toBe(1);
  });

  it("re-checked on approval: a report approved meanwhile for the effective period blocks it, nothing changes", async () => {
    const p = await admitted();
    const filed = await requestWithdrawal(ctx.officer, { projectId: p.id, version: 1, reason: "合并到其他项目" });
    await approvedReport(p.id, now());
    const before = await project(p.id);
    await expectAppError(reviewChangeRequests(ctx.finance, { items: [{ id: filed.requestId, version: 1 }], decision: "APPROVE" }), "CONFLICT");
    expect(await project(p.id)).toEqual(before);
    expect((await request(filed.requestId)).status).toBe("SUBMITTED");
    await reviewChangeRequests(ctx.finance, { items: [{ id: filed.requestId, version: 1 }], decision: "RETURN", comment: "请改为下一期" });
    expect((await project(p.id)).endPeriod).toBeNull();
  });

  it("who may file and decide: the unit's officer or the plan office; not another unit, finance or a viewer; nobody decides their own", async () => {
    const p = await admitted();
    const before = await writes();
    for (const actor of [ctx.officerB, ctx.finance, ctx.viewer])
      await expectAppError(requestWithdrawal(actor, { projectId: p.id, version: 1, reason: "取消" }), "FORBIDDEN");
    expect(await writes()).toEqual(before);
    const filed = await requestWithdrawal(ctx.admin, { projectId: p.id, version: 1, reason: "规划调整" });
    // One open request per project, of either kind.
    await expectAppError(requestWithdrawal(ctx.officer, { projectId: p.id, version: 1, reason: "取消" }), "VALIDATION");
    await expectAppError(reviewChangeRequests(ctx.admin, { items: [{ id: filed.requestId, version: 1 }], decision: "APPROVE" }), "FORBIDDEN");
    await expectAppError(reviewChangeRequests(ctx.officer, { items: [{ id: filed.requestId, version: 1 }], decision: "APPROVE" }), "FORBIDDEN");
    await reviewChangeRequests(ctx.admin2, { items: [{ id: filed.requestId, version: 1 }], decision: "APPROVE" });
    expect((await project(p.id)).endPeriod).toBe(now());
  });

  it("only an admitted project, at the version the requester saw", async () => {
    const { id } = await createProject(ctx.officer, entry());
    await expectAppError(requestWithdrawal(ctx.officer, { projectId: id, version: 1, reason: "取消" }), "VALIDATION");
    const p = await admitted();
    await db.project.update({ where: { id: p.id }, data: { name: `${p.name} 改`, version: 2 } });
    await expectAppError(requestWithdrawal(ctx.officer, { projectId: p.id, version: 1, reason: "取消" }), "CONFLICT");
    await expectAppError(requestWithdrawal(ctx.officer, { projectId: 2147483648, version: 1, reason: "取消" }), "VALIDATION");
    await expectAppError(requestWithdrawal(ctx.officer, { projectId: p.id, version: 2, reason: "" }), "VALIDATION");
  });

  it("20 concurrent decisions on one 调出 request: exactly 1 applies", async () => {
    const p = await admitted();
    const filed = await requestWithdrawal(ctx.officer, { projectId: p.id, version: 1, reason: "取消" });
    const reviewers = await Promise.all(Array.from({ length: 4 }, () => sessionFor("FINANCE_REVIEWER")));
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        reviewChangeRequests(reviewers[i % 4], {
          items: [{ id: filed.requestId, version: 1 }],
          decision: i % 2 ? "RETURN" : "APPROVE",
          comment: i % 2 ? "退回" : "",
        }),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason.code)).toEqual(Array(19).fill("CONFLICT"));
    const decided = await request(filed.requestId);
    expect((await project(p.id)).endPeriod).toBe(decided.status === "APPROVED" ? now() : null);
    expect((await audits(p.id)).filter((a) => a.action === "project.withdraw")).toHaveLength(decided.status === "APPROVED" ? 1 : 0);
  });
});

describe("an archived plan is read-only", () => {
  it("refuses entries, 入库 decisions and 调出 requests in it; nothing written", async () => {
    const { plan, section, units } = await makePlan(db, { unitNames: ["档县"] });
    const officer = await sessionFor("COUNTY_OFFICER", [units[0].id]);
    const input = entry({ planId: plan.id, unitId: units[0].id, sectionId: section.id });
    const proposed = await createProject(officer, input);
    const line = await makeProject(db, { planId: plan.id, sectionId: section.id, unitId: units[0].id });
    await archivePlan(ctx.admin, { id: plan.id, version: 1, archived: true, reason: "规划期结束" });
    const before = await writes();
    await expectAppError(createProject(officer, entry({ planId: plan.id, unitId: units[0].id, sectionId: section.id })), "FORBIDDEN");
    await expectAppError(resubmitProject(officer, { ...input, id: proposed.id, version: 1, owner: "改" }), "FORBIDDEN");
    await expectAppError(admitProjects(ctx.admin, { items: [{ id: proposed.id, version: 1 }], decision: "APPROVE" }), "FORBIDDEN");
    await expectAppError(requestWithdrawal(officer, { projectId: line.id, version: 1, reason: "取消" }), "FORBIDDEN");
    expect(await writes()).toEqual(before);
  });
});

describe("POST /api/v1/projects", () => {
  const o = OPERATIONS.find((x) => x.method === "post" && x.path === "/api/v1/projects")!;
  const post = async (userId: number, body: unknown) => {
    const { token, hash, prefix } = newToken();
    await db.apiToken.create({ data: { userId, name: "project-admin.test", tokenHash: hash, prefix } });
    return createProjectRoute(
      new Request("http://localhost/api/v1/projects", {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      }),
    );
  };
  const parse = async (res: Response, status: number) => {
    expect(res.status).toBe(status);
    const schema: z.ZodType = status === 200 && "json" in o.ok ? o.ok.json : RESPONSE_COMPONENTS.Error;
    return schema.parse(await res.json()) as Record<string, unknown>;
  };

  it("creates through the same operation and answers as documented", async () => {
    const ok = await parse(await post(ctx.officer.id, entry()), 200);
    expect(ok).toMatchObject({ admission: "PROPOSED", version: 1, warnings: [] });
    expect((await project(ok.id as number)).sourceKind).toBe("ENTERED");
    expect(await parse(await post(ctx.officer.id, entry({ name: "" })), 400)).toMatchObject({ error: { code: "VALIDATION" } });
    expect(await parse(await post(ctx.viewer.id, entry()), 403)).toMatchObject({ error: { code: "FORBIDDEN" } });
    expect(await parse(await post(ctx.officerB.id, entry()), 403)).toMatchObject({ error: { code: "FORBIDDEN" } });
    expect(await parse(await post(ctx.admin.id, entry({ planId: 99999999 })), 404)).toMatchObject({ error: { code: "NOT_FOUND" } });
  });
});
