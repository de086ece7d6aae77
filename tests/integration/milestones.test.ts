import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { milestoneFlag, pastBuildPeriod, statusFromMilestones } from "@/lib/milestones";
import { saveMilestones } from "@/lib/server/milestones/save-milestones";
import { addTemplateMilestones } from "@/lib/server/milestones/template";
import { makePlan, makeProject } from "@/lib/server/seed/factories";
import { requestProjectChange } from "@/lib/server/projects/request-project-change";
import { expectAppError, sessionFor } from "../support/users";

const d = (s: string) => new Date(`${s}T00:00:00Z`);

describe("milestone flags and status", () => {
  it("due within 30 days, overdue, done late", () => {
    const today = d("2025-06-15");
    expect(milestoneFlag({ plannedDate: d("2025-07-15"), actualDate: null }, today)).toBe("DUE_SOON");
    expect(milestoneFlag({ plannedDate: d("2025-07-16"), actualDate: null }, today)).toBeNull();
    expect(milestoneFlag({ plannedDate: d("2025-06-14"), actualDate: null }, today)).toBe("OVERDUE");
    expect(milestoneFlag({ plannedDate: d("2025-06-15"), actualDate: null }, today)).toBe("DUE_SOON");
    expect(milestoneFlag({ plannedDate: d("2025-05-01"), actualDate: d("2025-05-02") }, today)).toBe("DONE_LATE");
    expect(milestoneFlag({ plannedDate: d("2025-05-01"), actualDate: d("2025-05-01") }, today)).toBe("DONE");
    expect(milestoneFlag({ plannedDate: null, actualDate: null }, today)).toBeNull();
  });

  it("status follows 开工 / 竣工验收 / 投用; a finished build period not completed is flagged", () => {
    expect(statusFromMilestones([{ code: "START", actualDate: null }])).toBe("PREPARATION");
    expect(statusFromMilestones([{ code: "START", actualDate: d("2024-01-01") }])).toBe("CONSTRUCTION");
    expect(
      statusFromMilestones([
        { code: "START", actualDate: d("2024-01-01") },
        { code: "COMPLETE", actualDate: d("2025-01-01") },
      ]),
    ).toBe("COMPLETED");
    expect(statusFromMilestones([{ code: "IN_USE", actualDate: d("2025-03-01") }])).toBe("IN_USE");
    expect(pastBuildPeriod({ endYear: 2024, status: "CONSTRUCTION" }, d("2025-01-01"))).toBe(true);
    expect(pastBuildPeriod({ endYear: 2024, status: "COMPLETED" }, d("2025-01-01"))).toBe(false);
    expect(pastBuildPeriod({ endYear: 2025, status: "PREPARATION" }, d("2025-12-31"))).toBe(false);
  });
});

describe("saveMilestones", () => {
  it("seeded projects start with the template; sub-projects get it, bundle parents do not", async () => {
    const parent = await db.project.findFirstOrThrow({ where: { plan: { key: "yueyang" }, children: { some: {} } }, include: { children: true } });
    expect(await db.milestone.count({ where: { projectId: parent.id } })).toBe(0);
    const names = (await db.milestone.findMany({ where: { projectId: parent.children[0].id }, orderBy: { sortOrder: "asc" } })).map((m) => m.name);
    expect(names).toEqual(["立项", "可研批复", "初步设计批复", "用地手续", "施工许可", "开工", "主体完工", "竣工验收", "投用"]);
  });

  it("officers rename, reorder, add and drop milestones; 开工 done moves the project to 在建; each change is audited", async () => {
    const { plan, section, units } = await makePlan(db, { unitNames: ["己县"] });
    const p = await makeProject(db, { planId: plan.id, sectionId: section.id, unitId: units[0].id });
    await db.$transaction((tx) => addTemplateMilestones(tx, [p.id]));
    const officer = await sessionFor("COUNTY_OFFICER", [units[0].id]);
    const ms = await db.milestone.findMany({ where: { projectId: p.id }, orderBy: { sortOrder: "asc" } });
    const row = (m: (typeof ms)[number], over: Record<string, unknown> = {}) => ({
      id: m.id,
      version: m.version,
      code: m.code,
      name: m.name,
      plannedDate: "",
      actualDate: "",
      ...over,
    });
    const start = ms.find((m) => m.code === "START")!;
    const result = await saveMilestones(officer, {
      projectId: p.id,
      listVersion: 1,
      milestones: [
        row(ms[1], { name: "可行性研究报告批复" }), // renamed and moved first
        row(ms[0]),
        ...ms.slice(2, 4).map((m) => row(m)), // 施工许可 (ms[4]) dropped
        row(start, { plannedDate: "2025-03-01", actualDate: "2025-03-10" }),
        { name: "设备采购", plannedDate: "2025-09-30", actualDate: "" },
        ...ms.slice(6).map((m) => row(m)),
      ],
    });
    expect(result.status).toBe("CONSTRUCTION");
    const after = await db.milestone.findMany({ where: { projectId: p.id, deletedAt: null }, orderBy: { sortOrder: "asc" } });
    expect(after.map((m) => m.name)).toEqual(["可行性研究报告批复", "立项", "初步设计批复", "用地手续", "开工", "设备采购", "主体完工", "竣工验收", "投用"]);
    expect(after.find((m) => m.code === "START")).toMatchObject({ state: "DONE" });
    const actions = (await db.auditEvent.findMany({ where: { planId: plan.id }, orderBy: { id: "asc" } })).map((a) => a.action);
    expect(actions.sort()).toEqual(["milestone.add", "milestone.remove", "milestone.update", "milestone.update", "project.status"].sort());
  });

  it("a status set by hand with a reason is not overridden; other counties and future actual dates are refused", async () => {
    const { plan, section, units } = await makePlan(db, { unitNames: ["庚县", "辛县"] });
    const p = await makeProject(db, { planId: plan.id, sectionId: section.id, unitId: units[0].id });
    await db.$transaction((tx) => addTemplateMilestones(tx, [p.id]));
    const officer = await sessionFor("COUNTY_OFFICER", [units[0].id]);
    await requestProjectChange(officer, {
      id: p.id,
      version: 1,
      name: p.name,
      owner: "",
      startYear: 2021,
      endYear: 2025,
      totalInvestment: "100",
      moneyUnit: "wan",
      unitId: units[0].id,
      sectionId: section.id,
      status: "COMPLETED",
      reason: "已通过竣工验收，节点待补录",
    });
    const ms = await db.milestone.findMany({ where: { projectId: p.id }, orderBy: { sortOrder: "asc" } });
    const rows = ms.map((m) => ({ id: m.id, version: m.version, name: m.name, plannedDate: "", actualDate: m.code === "START" ? "2024-01-01" : "" }));
    await saveMilestones(officer, { projectId: p.id, listVersion: 1, milestones: rows });
    expect((await db.project.findUniqueOrThrow({ where: { id: p.id } })).status).toBe("COMPLETED");

    const other = await sessionFor("COUNTY_OFFICER", [units[1].id]);
    await expectAppError(saveMilestones(other, { projectId: p.id, listVersion: 2, milestones: [] }), "FORBIDDEN");
    const fresh = await db.milestone.findMany({ where: { projectId: p.id, deletedAt: null }, orderBy: { sortOrder: "asc" } });
    const future = await expectAppError(
      saveMilestones(officer, {
        projectId: p.id,
        listVersion: 2,
        milestones: fresh.map((m, i) => ({ id: m.id, version: m.version, name: m.name, plannedDate: "", actualDate: i === 0 ? "2099-01-01" : "" })),
      }),
      "VALIDATION",
    );
    expect(future.fieldErrors).toEqual({ "milestones.0.actualDate": ["实际完成日期不能晚于今天"] });
    expect(await db.milestone.count({ where: { projectId: p.id, deletedAt: null } })).toBe(9);
  });
});
