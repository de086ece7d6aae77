import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ROLE_PERMISSIONS, type RoleName } from "@/lib/permissions";
import { makePlan, makeProject, makeUser } from "@/lib/server/seed/factories";
import type { SessionUser } from "@/lib/server/auth/current-user";
import { requestProjectChange } from "@/lib/server/projects/request-project-change";
import { reviewChangeRequests } from "@/lib/server/projects/review-change-requests";
import { setAnnualPlan } from "@/lib/server/annual-plans/set-annual-plan";
import { admitProjects } from "@/lib/server/projects/admit-projects";
import { createProject } from "@/lib/server/projects/create-project";
import { updateProject } from "@/lib/server/projects/update-project";
import { createUser } from "@/lib/server/users/create-user";
import { resetPassword } from "@/lib/server/users/reset-password";
import { updateUser } from "@/lib/server/users/update-user";
import { saveMilestones } from "@/lib/server/milestones/save-milestones";
import { updatePlanSettings } from "@/lib/server/plans/update-plan-settings";
import { reviewReports } from "@/lib/server/reports/review-reports";
import { saveReport } from "@/lib/server/reports/save-report";
import { reviewIndicatorValues } from "@/lib/server/indicators/review-indicator-values";
import { saveIndicatorValue } from "@/lib/server/indicators/save-indicator-value";
import { makeIndicator } from "@/lib/server/seed/factories";
import { expectAppError, sessionFor } from "../support/users";

// Every mutating action × every role × own unit vs another unit: allowed or refused as
// lib/permissions.ts says, and a refused call leaves no change and no audit row.
let units: { a: number; b: number; section: number; planId: number };

beforeAll(async () => {
  const {
    plan,
    section,
    units: [a, b],
  } = await makePlan(db, { unitNames: ["甲县", "乙县"] });
  units = { a: a.id, b: b.id, section: section.id, planId: plan.id };
});

const ACTIONS: {
  name: string;
  permission: keyof (typeof ROLE_PERMISSIONS)["ADMIN"];
  run: (actor: SessionUser, target: "own" | "other") => Promise<unknown>;
  changed: (target: "own" | "other") => Promise<boolean>;
}[] = [];

let lastProject: number;
const newProject = async (unitId: number) => (await makeProject(db, { planId: units.planId, sectionId: units.section, unitId, totalWan: "100" })).id;

ACTIONS.push({
  name: "project.update",
  permission: "project.update",
  run: async (actor, target) => {
    const id = await newProject(target === "own" ? units.a : units.b);
    lastProject = id;
    const p = await db.project.findUniqueOrThrow({ where: { id } });
    return updateProject(actor, {
      id,
      version: p.version,
      name: `${p.name} 改`,
      owner: "",
      startYear: 2021,
      endYear: 2025,
      totalInvestment: "100",
      moneyUnit: "wan",
      sectionId: units.section,
      unitId: p.unitId,
      status: "PREPARATION",
      reason: "按批复修改",
    });
  },
  changed: async () => (await db.project.findUniqueOrThrow({ where: { id: lastProject } })).name.endsWith(" 改"),
});

ACTIONS.push({
  name: "project.requestChange",
  permission: "project.requestChange",
  run: async (actor, target) => {
    const id = await newProject(target === "own" ? units.a : units.b);
    lastProject = id;
    const p = await db.project.findUniqueOrThrow({ where: { id } });
    return requestProjectChange(actor, {
      id,
      version: p.version,
      name: p.name,
      owner: "",
      startYear: 2021,
      endYear: 2025,
      totalInvestment: "120",
      moneyUnit: "wan",
      sectionId: units.section,
      unitId: p.unitId,
      status: "PREPARATION",
      reason: "初设批复调增",
    });
  },
  changed: async () => (await db.projectChangeRequest.count({ where: { projectId: lastProject } })) > 0,
});

let userSeq = 0;
ACTIONS.push({
  name: "user.create",
  permission: "user.manage",
  run: (actor) =>
    createUser(actor, { username: `matrix-${process.pid}-${++userSeq}`, displayName: "新用户", role: "VIEWER", unitIds: [], password: "Password-123" }),
  changed: async () => (await db.user.count({ where: { username: `matrix-${process.pid}-${userSeq}` } })) > 0,
});

let targetUser: number;
ACTIONS.push({
  name: "user.update",
  permission: "user.manage",
  run: async (actor) => {
    const u = await makeUser(db, { role: "VIEWER" });
    targetUser = u.id;
    return updateUser(actor, { id: u.id, version: u.version, displayName: "改名", role: "VIEWER", unitIds: [], disabled: false, reason: "" });
  },
  changed: async () => (await db.user.findUniqueOrThrow({ where: { id: targetUser } })).displayName === "改名",
});

ACTIONS.push({
  name: "user.resetPassword",
  permission: "user.manage",
  run: async (actor) => {
    const u = await makeUser(db, { role: "VIEWER" });
    targetUser = u.id;
    return resetPassword(actor, { id: u.id, password: "Another-pass-9" });
  },
  changed: async () => (await db.user.findUniqueOrThrow({ where: { id: targetUser } })).mustChangePassword,
});

let lastReportProject: number;
ACTIONS.push({
  name: "report.write",
  permission: "report.write",
  run: async (actor, target) => {
    lastReportProject = await newProject(target === "own" ? units.a : units.b);
    return saveReport(actor, { projectId: lastReportProject, period: "2025-01", moneyUnit: "wan", completedAmount: "1" });
  },
  changed: async () => (await db.progressReport.count({ where: { projectId: lastReportProject } })) === 1,
});

let lastReviewed: number;
ACTIONS.push({
  name: "report.review",
  permission: "report.review",
  run: async (actor) => {
    const admin = await sessionFor("ADMIN");
    const projectId = await newProject(units.a);
    const r = await saveReport(admin, { projectId, period: "2025-02", moneyUnit: "wan", completedAmount: "1", submit: true });
    lastReviewed = r.id;
    // The setup above wrote audit rows of its own; count from here.
    baseline = await db.auditEvent.count();
    return reviewReports(actor, { items: [{ id: r.id, version: r.version }], decision: "APPROVE" });
  },
  changed: async () => (await db.progressReport.findUniqueOrThrow({ where: { id: lastReviewed } })).status === "APPROVED",
});

// A unit's monitoring value (the region-wide one needs the "all" grant: indicators.test.ts).
let lastIndicator: number;
ACTIONS.push({
  name: "indicator.write",
  permission: "indicator.write",
  run: async (actor, target) => {
    lastIndicator = (await makeIndicator(db, { planId: units.planId })).id;
    return saveIndicatorValue(actor, {
      indicatorId: lastIndicator,
      unitId: target === "own" ? units.a : units.b,
      year: 2023,
      value: "16.5",
      dataSource: "统计年报",
    });
  },
  changed: async () => (await db.indicatorValue.count({ where: { indicatorId: lastIndicator } })) === 1,
});

let lastIndicatorValue: number;
ACTIONS.push({
  name: "indicator.review",
  permission: "indicator.review",
  run: async (actor) => {
    const indicatorId = (await makeIndicator(db, { planId: units.planId })).id;
    const saved = await saveIndicatorValue(await sessionFor("ADMIN"), { indicatorId, unitId: null, year: 2023, value: "16.5", dataSource: "统计年报" });
    lastIndicatorValue = saved.id;
    baseline = await db.auditEvent.count();
    return reviewIndicatorValues(actor, { items: [{ id: saved.id, version: saved.version }], decision: "APPROVE" });
  },
  changed: async () => (await db.indicatorValue.findUniqueOrThrow({ where: { id: lastIndicatorValue } })).status === "APPROVED",
});

let lastMilestoneProject: number;
ACTIONS.push({
  name: "milestone.write",
  permission: "milestone.write",
  run: async (actor, target) => {
    lastMilestoneProject = await newProject(target === "own" ? units.a : units.b);
    return saveMilestones(actor, {
      projectId: lastMilestoneProject,
      listVersion: 1,
      milestones: [{ name: "开工前准备", plannedDate: "2025-01-01", actualDate: "" }],
    });
  },
  changed: async () => (await db.milestone.count({ where: { projectId: lastMilestoneProject } })) === 1,
});

ACTIONS.push({
  name: "plan.manage",
  permission: "plan.manage",
  run: async (actor) => {
    await db.plan.update({ where: { id: units.planId }, data: { reportingCycle: "MONTHLY" } });
    await db.progressReport.deleteMany({ where: { project: { planId: units.planId } } });
    baseline = await db.auditEvent.count();
    const { version } = await db.plan.findUniqueOrThrow({ where: { id: units.planId } });
    return updatePlanSettings(actor, { id: units.planId, version, reportingCycle: "QUARTERLY" });
  },
  changed: async () => (await db.plan.findUniqueOrThrow({ where: { id: units.planId } })).reportingCycle === "QUARTERLY",
});

let lastAnnual: number;
ACTIONS.push({
  name: "annualPlan.set",
  permission: "annualPlan.set",
  run: async (actor) => {
    lastAnnual = await newProject(units.a);
    return setAnnualPlan(actor, { projectId: lastAnnual, year: 2026, amount: "50", moneyUnit: "wan", reason: "年度计划下达" });
  },
  changed: async () => (await db.annualPlanAmount.count({ where: { projectId: lastAnnual, amount: { not: null } } })) === 1,
});

let lastRequest: number;
ACTIONS.push({
  name: "project.reviewChange",
  permission: "project.reviewChange",
  run: async (actor) => {
    const id = await newProject(units.a);
    const p = await db.project.findUniqueOrThrow({ where: { id } });
    const officer = await sessionFor("COUNTY_OFFICER", [units.a]);
    const { requestId } = await requestProjectChange(officer, {
      id,
      version: p.version,
      name: `${p.name} 新`,
      owner: "",
      startYear: 2021,
      endYear: 2025,
      totalInvestment: "100",
      moneyUnit: "wan",
      sectionId: units.section,
      unitId: units.a,
      status: "PREPARATION",
      reason: "更名",
    });
    lastRequest = requestId!;
    baseline = await db.auditEvent.count();
    return reviewChangeRequests(actor, { items: [{ id: lastRequest, version: 1 }], decision: "APPROVE" });
  },
  changed: async () => (await db.projectChangeRequest.findUniqueOrThrow({ where: { id: lastRequest } })).status === "APPROVED",
});

let enteredName = "";
const entry = (unitId: number) => {
  enteredName = `录入 ${process.pid}-${++userSeq}`;
  return {
    planId: units.planId,
    unitId,
    sectionId: units.section,
    parentId: null,
    name: enteredName,
    owner: "县医院",
    nature: "NEW",
    startYear: 2025,
    endYear: 2027,
    totalInvestment: "100",
    moneyUnit: "wan",
    scope: "新建门诊楼",
  };
};
ACTIONS.push({
  name: "project.create",
  permission: "project.create",
  run: (actor, target) => createProject(actor, entry(target === "own" ? units.a : units.b)),
  changed: async () => (await db.project.count({ where: { name: enteredName } })) > 0,
});

let lastEntered: number;
ACTIONS.push({
  name: "project.admit",
  permission: "project.admit",
  run: async (actor) => {
    const officer = await sessionFor("COUNTY_OFFICER", [units.a]);
    lastEntered = (await createProject(officer, entry(units.a))).id;
    baseline = await db.auditEvent.count();
    return admitProjects(actor, { items: [{ id: lastEntered, version: 1 }], decision: "APPROVE" });
  },
  changed: async () => (await db.project.findUniqueOrThrow({ where: { id: lastEntered } })).admission === "ADMITTED",
});

let baseline = 0;
const ROLES: RoleName[] = ["ADMIN", "FINANCE_REVIEWER", "COUNTY_OFFICER", "VIEWER"];

// The grants as the README's "Who does what" states them, written out here (not read from
// lib/permissions.ts), so a wrong grant in the map fails. "unit" = own reporting units only.
type G = "all" | "unit" | "-";
const row = (ADMIN: G, FINANCE_REVIEWER: G, COUNTY_OFFICER: G, VIEWER: G) => ({ ADMIN, FINANCE_REVIEWER, COUNTY_OFFICER, VIEWER });
const EXPECTED: Record<string, Record<RoleName, G>> = {
  //                          ADMIN  FINANCE  OFFICER  VIEWER
  "account.password": row("all", "all", "all", "all"),
  "plan.read": row("all", "all", "all", "all"),
  "plan.manage": row("all", "-", "-", "-"),
  "project.update": row("all", "-", "-", "-"),
  "project.requestChange": row("-", "-", "unit", "-"),
  "project.reviewChange": row("all", "all", "-", "-"),
  "project.create": row("all", "-", "unit", "-"),
  "project.admit": row("all", "-", "-", "-"),
  "milestone.write": row("all", "-", "unit", "-"),
  "report.write": row("all", "-", "unit", "-"),
  "report.review": row("all", "all", "-", "-"),
  "annualPlan.set": row("all", "all", "-", "-"),
  "export.run": row("all", "all", "all", "-"),
  "import.run": row("all", "-", "-", "-"),
  "user.manage": row("all", "-", "-", "-"),
  "audit.readAll": row("all", "-", "-", "-"),
  "apiToken.manage": row("all", "-", "-", "-"),
  "indicator.write": row("all", "-", "unit", "-"),
  "indicator.review": row("all", "all", "-", "-"),
};

describe("the permission map", () => {
  it("grants exactly the table above", () => {
    for (const role of ROLES) {
      const expected = Object.fromEntries(
        Object.entries(EXPECTED)
          .filter(([, r]) => r[role] !== "-")
          .map(([action, r]) => [action, r[role]]),
      );
      expect(ROLE_PERMISSIONS[role]).toEqual(expected);
    }
  });
});

describe("role × action matrix", () => {
  for (const action of ACTIONS) {
    for (const role of ROLES) {
      for (const target of ["own", "other"] as const) {
        const grant = EXPECTED[action.permission][role];
        const allowed = grant === "all" || (grant === "unit" && target === "own");
        // Unit scoping only matters for unit-scoped records; user management has no unit.
        if (
          (action.name.startsWith("user.") ||
            ["report.review", "plan.manage", "annualPlan.set", "project.reviewChange", "project.admit", "indicator.review"].includes(action.name)) &&
          target === "other"
        )
          continue;
        it(`${action.name} by ${role} on ${target} record → ${allowed ? "allowed" : "refused"}`, async () => {
          const actor = await sessionFor(role, role === "COUNTY_OFFICER" ? [units.a] : []);
          baseline = await db.auditEvent.count();
          if (allowed) {
            await action.run(actor, target);
            expect(await action.changed(target)).toBe(true);
            expect(await db.auditEvent.count()).toBeGreaterThan(baseline);
          } else {
            await expectAppError(action.run(actor, target), "FORBIDDEN");
            expect(await action.changed(target)).toBe(false);
            expect(await db.auditEvent.count()).toBe(baseline);
          }
        });
      }
    }
  }
});

describe("a county officer's forged request for another county's project", () => {
  it("is refused and changes nothing, even with a valid session and the right version", async () => {
    const officer = await sessionFor("COUNTY_OFFICER", [units.a]);
    const id = await newProject(units.b);
    const before = await db.project.findUniqueOrThrow({ where: { id } });
    // The client claims nothing about units: the unit is read from the database.
    const err = await expectAppError(
      updateProject(officer, {
        id,
        version: before.version,
        name: "篡改",
        owner: "",
        startYear: 2021,
        endYear: 2025,
        totalInvestment: "1",
        moneyUnit: "wan",
        status: "PREPARATION",
        reason: "x",
        unitId: units.a,
        sectionId: units.section,
      }),
      "FORBIDDEN",
    );
    expect(err.message).toBe("您没有权限执行此操作。");
    const after = await db.project.findUniqueOrThrow({ where: { id } });
    expect(after).toEqual(before);
    expect(await db.auditEvent.count({ where: { entityType: "Project", entityId: String(id) } })).toBe(0);
  });
});
