import fs from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/client";
import type { SessionUser } from "@/lib/server/auth/current-user";
import { prepareTemplateExport } from "@/lib/server/exports/export-template";
import { commitImport } from "@/lib/server/imports/commit-import";
import { getImport } from "@/lib/server/imports/get-import";
import { previewImport } from "@/lib/server/imports/preview-import";
import { archivePlan } from "@/lib/server/plans/archive-plan";
import { createPlan } from "@/lib/server/plans/create-plan";
import { filterOptions } from "@/lib/server/plans/filter-options";
import { getPlanAdmin } from "@/lib/server/plans/get-plan-admin";
import { listPlans } from "@/lib/server/plans/list-plans";
import { updatePlanSettings } from "@/lib/server/plans/update-plan-settings";
import { createSection } from "@/lib/server/sections/create-section";
import { reorderSections } from "@/lib/server/sections/reorder-sections";
import { updateSection } from "@/lib/server/sections/update-section";
import { createUnit } from "@/lib/server/units/create-unit";
import { reorderUnits } from "@/lib/server/units/reorder-units";
import { retireUnit } from "@/lib/server/units/retire-unit";
import { updateUnit } from "@/lib/server/units/update-unit";
import { unitChoices } from "@/lib/server/users/list-users";
import { makePlan, makeProject, makeUser } from "@/lib/server/seed/factories";
import { makeApprovedReport } from "@/lib/server/seed/excel-factories";
import { collect, readWorkbook } from "../support/excel";
import { expectAppError, sessionFor } from "../support/users";

// Plan administration (issue #12): plans, reporting units, sections and the import template. Every
// write: validation to the columns' limits, only the plan office, audited, applied to the version
// the admin saw (20 concurrent saves from one version → exactly one applies), refused on an
// archived plan.

let admin: SessionUser;
beforeAll(async () => {
  admin = await sessionFor("ADMIN");
});

const b64 = (bytes: Buffer | string) => Buffer.from(bytes).toString("base64");
const TOO_BIG_ID = 2147483648;
const audits = (action: string, entityId?: number) =>
  db.auditEvent.findMany({ where: { action, ...(entityId !== undefined && { entityId: String(entityId) }) }, orderBy: { id: "asc" } });

const newPlanInput = (over: Record<string, unknown> = {}) => ({
  title: "健康某县“十五五”卫生健康发展规划",
  level: "DISTRICT",
  regionId: null,
  regionName: `某县-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`,
  regionLevel: "COUNTY",
  periodStart: 2026,
  periodEnd: 2030,
  reportingCycle: "MONTHLY",
  moneyUnit: "wan",
  ...over,
});

// Officers, finance reviewers and viewers are refused and nothing is written (no audit row).
async function refusedForOthers(run: (actor: SessionUser) => Promise<unknown>, unitIds: number[] = []) {
  const before = await db.auditEvent.count();
  for (const role of ["COUNTY_OFFICER", "FINANCE_REVIEWER", "VIEWER"] as Role[]) {
    const err = await expectAppError(run(await sessionFor(role, role === "COUNTY_OFFICER" ? unitIds : [])), "FORBIDDEN");
    expect(err.message).toBe("您没有权限执行此操作。");
  }
  expect(await db.auditEvent.count()).toBe(before);
}

// 20 concurrent calls: exactly one applies, the others are refused as conflicts.
async function race(calls: (() => Promise<unknown>)[]) {
  const results = await Promise.allSettled(calls.map((c) => c()));
  const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
  for (const r of rejected) expect((r.reason as { code?: string }).code).toBe("CONFLICT");
  return results.length - rejected.length;
}

describe("plans", () => {
  it("an admin creates a plan with a new region and a GB18030 .txt document; key unique, audited", async () => {
    const gb = Buffer.from("c4b3cfd8cec0c9fabda1bfb5b9e6bbae0d0ab5dad2bbd5c220d7dcd4f20d0a", "hex"); // "某县卫生健康规划\r\n第一章 总则\r\n"
    const input = newPlanInput({ document: { fileName: "某县规划.txt", content: b64(gb) } });
    const created = await createPlan(admin, input);
    const plan = await db.plan.findUniqueOrThrow({ where: { id: created.id }, include: { region: true } });
    expect(plan).toMatchObject({
      key: `plan-${plan.id}`,
      title: input.title,
      level: "DISTRICT",
      periodStart: 2026,
      periodEnd: 2030,
      reportingCycle: "MONTHLY",
      moneyUnit: "wan",
      hasProjectList: true,
      archivedAt: null,
      version: 1,
    });
    expect(plan.region).toMatchObject({ name: input.regionName, level: "COUNTY" });
    expect(plan.sourceFile).toBe("某县规划.txt");
    expect(plan.sourceDocument).toBe("某县卫生健康规划\n第一章 总则");
    const [event] = await audits("plan.create", plan.id);
    expect(event).toMatchObject({ actorId: admin.id, planId: plan.id, entityVersion: 1 });
    expect(event.changes).toEqual(
      expect.arrayContaining([
        { field: "title", old: null, new: input.title },
        { field: "region", old: null, new: `${input.regionName}（新建）` },
        { field: "sourceFile", old: null, new: "某县规划.txt" },
      ]),
    );

    // the same title again: another plan with its own key; an existing region by id; ASCII words of a title in the key
    const again = await createPlan(admin, newPlanInput({ regionId: plan.regionId, regionName: "", regionLevel: null }));
    expect(again.key).toBe(`plan-${again.id}`);
    expect((await db.plan.findUniqueOrThrow({ where: { id: again.id } })).regionId).toBe(plan.regionId);
    expect((await createPlan(admin, newPlanInput({ title: "Health 2026–2030" }))).key).toMatch(/^plan-health-2026-2030-\d+$/);
  });

  it("keeps the text of a .docx, one paragraph a line; refuses an old .doc and an empty file, writing nothing", async () => {
    const docx = fs.readFileSync("tests/fixtures/plan-document.docx");
    const { id } = await createPlan(admin, newPlanInput({ document: { fileName: "规划.docx", content: b64(docx) } }));
    expect((await db.plan.findUniqueOrThrow({ where: { id } })).sourceDocument).toBe(
      "健康某市“十五五”卫生健康发展规划\n一、发展基础\n专栏1 医疗服务能力提升项目\n1. 某县人民医院新院区建设。",
    );

    const plans = await db.plan.count();
    const audit = await db.auditEvent.count();
    const doc = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(64)]);
    const old = await expectAppError(createPlan(admin, newPlanInput({ document: { fileName: "旧版.docx", content: b64(doc) } })), "BAD_FILE");
    expect(old.fieldErrors?.document?.[0]).toContain(".docx");
    await expectAppError(createPlan(admin, newPlanInput({ document: { fileName: "坏.docx", content: b64("not a zip") } })), "BAD_FILE");
    await expectAppError(createPlan(admin, newPlanInput({ document: { fileName: "空.txt", content: b64(" \r\n ") } })), "BAD_FILE");
    expect(await db.plan.count()).toBe(plans);
    expect(await db.auditEvent.count()).toBe(audit);
  });

  it("validates every field to the columns' limits, with the message on the field", async () => {
    const fields = async (over: Record<string, unknown>) => (await expectAppError(createPlan(admin, newPlanInput(over)), "VALIDATION")).fieldErrors!;
    expect(Object.keys(await fields({ title: "" }))).toEqual(["title"]);
    expect((await fields({ title: "规".repeat(201) })).title).toEqual(["规划名称不能超过 200 字"]);
    expect((await fields({ periodStart: 1999 })).periodStart).toEqual(["年份不能早于 2000"]);
    expect((await fields({ periodEnd: 2101 })).periodEnd).toEqual(["年份不能晚于 2100"]);
    expect((await fields({ periodStart: 2030, periodEnd: 2026 })).periodEnd).toEqual(["结束年不能早于起始年"]);
    expect(Object.keys(await fields({ level: "COUNTY" }))).toEqual(["level"]);
    expect(Object.keys(await fields({ reportingCycle: "YEARLY", moneyUnit: "yuan" })).sort()).toEqual(["moneyUnit", "reportingCycle"]);
    expect(Object.keys(await fields({ regionId: TOO_BIG_ID, regionName: "" }))).toEqual(["regionId"]);
    expect((await fields({ regionName: "" })).regionId).toEqual(["请选择地区，或填写新地区名称"]);
    expect((await fields({ regionLevel: null })).regionLevel).toEqual(["请选择新地区的级别"]);
    expect((await fields({ document: { fileName: "规划.pdf", content: b64("x") } }))["document.fileName"]).toEqual(["请上传 .txt 或 .docx 文件"]);
    expect((await fields({ document: { fileName: "大.txt", content: b64(Buffer.alloc(701 * 1024, 0x41)) } }))["document.content"]?.[0]).toContain("700 KB");
    // an existing region's name with another level
    const taken = await db.region.upsert({ where: { name: "测试市" }, update: {}, create: { name: "测试市", level: "CITY" } });
    const err = await expectAppError(createPlan(admin, newPlanInput({ regionName: taken.name, regionLevel: "COUNTY" })), "VALIDATION");
    expect(err.fieldErrors?.regionLevel?.[0]).toContain("已存在");
  });

  it("only the plan office creates plans", async () => {
    const plans = await db.plan.count();
    await refusedForOthers((actor) => createPlan(actor, newPlanInput()));
    expect(await db.plan.count()).toBe(plans);
  });

  it("settings: title, period, money unit and document change on the version seen, audited as plan.update; the cycle only before the first report", async () => {
    const { plan, section, units } = await makePlan(db, { unitNames: ["甲县"] });
    const r = await updatePlanSettings(admin, {
      id: plan.id,
      version: 1,
      title: "新名称",
      periodStart: 2026,
      periodEnd: 2030,
      moneyUnit: "wan",
      document: { fileName: "新文本.txt", content: b64("第一章\n第二章") },
      reason: "十五五",
    });
    expect(r).toEqual({ id: plan.id, version: 2, changed: 6 });
    const after = await db.plan.findUniqueOrThrow({ where: { id: plan.id } });
    expect(after).toMatchObject({
      title: "新名称",
      periodStart: 2026,
      periodEnd: 2030,
      moneyUnit: "wan",
      sourceFile: "新文本.txt",
      sourceDocument: "第一章\n第二章",
    });
    const [event] = await audits("plan.update", plan.id);
    expect(event).toMatchObject({ entityVersion: 2, reason: "十五五" });
    expect(event.changes).toEqual(
      expect.arrayContaining([
        { field: "title", old: plan.title, new: "新名称" },
        { field: "sourceDocument", old: null, new: "7 字" },
      ]),
    );

    // nothing differs: nothing written
    expect(await updatePlanSettings(admin, { id: plan.id, version: 2, title: "新名称" })).toMatchObject({ version: 2, changed: 0 });
    // a stale version: refused with what changed meanwhile
    const stale = await expectAppError(updatePlanSettings(admin, { id: plan.id, version: 1, title: "旧表单" }), "CONFLICT");
    expect(stale.details).toEqual([expect.objectContaining({ reason: "十五五" })]);
    // a period that ends before it starts, against the stored start
    expect((await expectAppError(updatePlanSettings(admin, { id: plan.id, version: 2, periodEnd: 2025 }), "VALIDATION")).fieldErrors).toEqual({
      periodEnd: ["结束年不能早于起始年"],
    });
    expect(Object.keys((await expectAppError(updatePlanSettings(admin, { id: TOO_BIG_ID, version: 1 }), "VALIDATION")).fieldErrors!)).toEqual(["id"]);
    // removing the document
    await updatePlanSettings(admin, { id: plan.id, version: 2, document: null });
    expect(await db.plan.findUniqueOrThrow({ where: { id: plan.id } })).toMatchObject({ sourceFile: null, sourceDocument: null, version: 3 });

    await updatePlanSettings(admin, { id: plan.id, version: 3, reportingCycle: "QUARTERLY" });
    const p = await makeProject(db, { planId: plan.id, sectionId: section.id, unitId: units[0].id });
    await makeApprovedReport(db, { projectId: p.id, period: "2026-Q1", completedWan: "1" });
    const locked = await expectAppError(updatePlanSettings(admin, { id: plan.id, version: 4, reportingCycle: "MONTHLY" }), "VALIDATION");
    expect(locked.fieldErrors).toEqual({ reportingCycle: ["已有调度报告，填报周期不能再更改。"] });
    await refusedForOthers((actor) => updatePlanSettings(actor, { id: plan.id, version: 4, title: "改" }), [units[0].id]);
  });

  it("20 concurrent saves of the settings from one version: exactly 1 applies, 1 audit row", async () => {
    const { plan } = await makePlan(db, { unitNames: [] });
    const applied = await race(Array.from({ length: 20 }, (_, i) => () => updatePlanSettings(admin, { id: plan.id, version: 1, title: `并发 ${i}` })));
    expect(applied).toBe(1);
    expect(await audits("plan.update", plan.id)).toHaveLength(1);
    expect((await db.plan.findUniqueOrThrow({ where: { id: plan.id } })).version).toBe(2);
  });

  it("an archived plan is read-only for its plan, units and sections, still listed with its figures; unarchiving reopens it", async () => {
    const { plan, section, units } = await makePlan(db, { unitNames: ["甲县", "乙县"] });
    await makeProject(db, { planId: plan.id, sectionId: section.id, unitId: units[0].id, totalWan: "250" });
    expect(Object.keys((await expectAppError(archivePlan(admin, { id: plan.id, version: 1, archived: true, reason: "" }), "VALIDATION")).fieldErrors!)).toEqual(
      ["reason"],
    );
    await refusedForOthers((actor) => archivePlan(actor, { id: plan.id, version: 1, archived: true, reason: "规划期满" }), [units[0].id]);
    const archived = await archivePlan(admin, { id: plan.id, version: 1, archived: true, reason: "规划期满" });
    expect(archived.version).toBe(2);
    expect((await audits("plan.archive", plan.id))[0]).toMatchObject({ reason: "规划期满", entityVersion: 2 });

    const audit = await db.auditEvent.count();
    const refused = async (p: Promise<unknown>) => expect((await expectAppError(p, "FORBIDDEN")).message).toBe("该规划已归档，只读，不能修改。");
    await refused(updatePlanSettings(admin, { id: plan.id, version: 2, title: "改" }));
    await refused(createUnit(admin, { planId: plan.id, name: "丙县" }));
    await refused(updateUnit(admin, { id: units[0].id, version: 1, name: "甲县改", regionId: null }));
    await refused(
      reorderUnits(admin, {
        planId: plan.id,
        items: [
          { id: units[1].id, version: 1 },
          { id: units[0].id, version: 1 },
        ],
      }),
    );
    await refused(retireUnit(admin, { id: units[0].id, version: 1, targetId: units[1].id }));
    await refused(createSection(admin, { planId: plan.id, kind: "CATEGORY", title: "其它" }));
    await refused(updateSection(admin, { id: section.id, version: 1, title: "综合医院" }));
    await refused(reorderSections(admin, { planId: plan.id, items: [{ id: section.id, version: 1 }] }));
    expect(await db.auditEvent.count()).toBe(audit);

    // still in the plan list with its figures
    const listed = (await listPlans(admin, {})).find((p) => p.id === plan.id)!;
    expect(listed.archivedAt).not.toBeNull();
    expect(listed.totals).toMatchObject({ projectCount: 1, totalWan: expect.stringMatching(/^250(\.0+)?$/) });

    await expectAppError(archivePlan(admin, { id: plan.id, version: 1, archived: false, reason: "误操作" }), "CONFLICT");
    await archivePlan(admin, { id: plan.id, version: 2, archived: false, reason: "误操作" });
    expect(await audits("plan.unarchive", plan.id)).toHaveLength(1);
    await createUnit(admin, { planId: plan.id, name: "丙县" });
  });
});

describe("reporting units", () => {
  it("create: unique name within the plan, optional region, at the end of the list, audited", async () => {
    const { plan } = await makePlan(db, { unitNames: ["甲县"] });
    const region = await db.region.upsert({ where: { name: "测试市" }, update: {}, create: { name: "测试市", level: "CITY" } });
    const u = await createUnit(admin, { planId: plan.id, name: " 经开区 ", regionId: region.id });
    expect(await db.reportingUnit.findUniqueOrThrow({ where: { id: u.id } })).toMatchObject({ name: "经开区", regionId: region.id, sortOrder: 1, version: 1 });
    expect((await audits("unit.create", u.id))[0].changes).toEqual([
      { field: "name", old: null, new: "经开区" },
      { field: "region", old: null, new: "测试市" },
    ]);

    const dup = await expectAppError(createUnit(admin, { planId: plan.id, name: "甲县" }), "VALIDATION");
    expect(dup.fieldErrors).toEqual({ name: ["本规划已有名为“甲县”的单位（含已停用单位）"] });
    const fields = async (input: Record<string, unknown>) => Object.keys((await expectAppError(createUnit(admin, input), "VALIDATION")).fieldErrors!);
    expect(await fields({ planId: plan.id, name: "" })).toEqual(["name"]);
    expect(await fields({ planId: plan.id, name: "县".repeat(101) })).toEqual(["name"]);
    expect(await fields({ planId: TOO_BIG_ID, name: "丁县" })).toEqual(["planId"]);
    expect(await fields({ planId: plan.id, name: "丁县", regionId: TOO_BIG_ID })).toEqual(["regionId"]);
    expect(await fields({ planId: plan.id, name: "丁县", regionId: 99999999 })).toEqual(["regionId"]);
    await expectAppError(createUnit(admin, { planId: 99999999, name: "丁县" }), "NOT_FOUND");
    await refusedForOthers((actor) => createUnit(actor, { planId: plan.id, name: "戊县" }));
    expect(await db.reportingUnit.count({ where: { planId: plan.id } })).toBe(2);

    // 20 concurrent creations of one name: one unit
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => createUnit(admin, { planId: plan.id, name: "己县" })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect((r.reason as { code: string }).code).toBe("VALIDATION");
    expect(await db.reportingUnit.count({ where: { planId: plan.id, name: "己县" } })).toBe(1);
  });

  it("rename: applied to the version seen, audited; 20 concurrent renames from one version → exactly 1 applies", async () => {
    const { plan, units } = await makePlan(db, { unitNames: ["甲县", "乙县"] });
    const [a, b] = units;
    const officer = await sessionFor("COUNTY_OFFICER", [a.id]);
    expect(await updateUnit(admin, { id: a.id, version: 1, name: "甲县（新）", regionId: null, reason: "更名" })).toEqual({ id: a.id, version: 2, changed: 1 });
    expect((await audits("unit.update", a.id))[0]).toMatchObject({
      reason: "更名",
      entityVersion: 2,
      changes: [{ field: "name", old: "甲县", new: "甲县（新）" }],
    });
    const stale = await expectAppError(updateUnit(admin, { id: a.id, version: 1, name: "甲县二", regionId: null }), "CONFLICT");
    expect(stale.details).toHaveLength(1);
    expect((await expectAppError(updateUnit(admin, { id: a.id, version: 2, name: "乙县", regionId: null }), "VALIDATION")).fieldErrors).toEqual({
      name: ["本规划已有名为“乙县”的单位（含已停用单位）"],
    });
    await refusedForOthers((actor) => updateUnit(actor, { id: a.id, version: 2, name: "甲县三", regionId: null }), [a.id]);
    expect((await expectAppError(updateUnit(officer, { id: a.id, version: 2, name: "甲县三", regionId: null }), "FORBIDDEN")).code).toBe("FORBIDDEN");

    const applied = await race(Array.from({ length: 20 }, (_, i) => () => updateUnit(admin, { id: b.id, version: 1, name: `乙县-${i}`, regionId: null })));
    expect(applied).toBe(1);
    expect(await audits("unit.update", b.id)).toHaveLength(1);
    expect((await db.reportingUnit.findUniqueOrThrow({ where: { id: b.id } })).version).toBe(2);
    expect(plan.id).toBeGreaterThan(0);
  });

  it("reorder: the whole list in its new order on the versions seen; a stale or incomplete list is refused", async () => {
    const { plan, units } = await makePlan(db, { unitNames: ["甲县", "乙县", "丙县"] });
    const [a, b, c] = units;
    const r = await reorderUnits(admin, { planId: plan.id, items: [c, a, b].map((u) => ({ id: u.id, version: 1 })) });
    expect(r).toEqual({ moved: 3 });
    const order = await db.reportingUnit.findMany({ where: { planId: plan.id }, orderBy: { sortOrder: "asc" } });
    expect(order.map((u) => u.name)).toEqual(["丙县", "甲县", "乙县"]);
    expect((await audits("unit.reorder", c.id))[0].changes).toEqual([{ field: "sortOrder", old: "2", new: "0" }]);
    await expectAppError(reorderUnits(admin, { planId: plan.id, items: [a, b, c].map((u) => ({ id: u.id, version: 1 })) }), "CONFLICT");
    await expectAppError(reorderUnits(admin, { planId: plan.id, items: [{ id: a.id, version: 2 }] }), "CONFLICT");
    expect(
      Object.keys(
        (
          await expectAppError(
            reorderUnits(admin, {
              planId: plan.id,
              items: [
                { id: a.id, version: 2 },
                { id: a.id, version: 2 },
              ],
            }),
            "VALIDATION",
          )
        ).fieldErrors!,
      ),
    ).toEqual(["items"]);
    await refusedForOthers((actor) => reorderUnits(actor, { planId: plan.id, items: [a, b, c].map((u) => ({ id: u.id, version: 2 })) }));
    const applied = await race(
      Array.from({ length: 20 }, () => () => reorderUnits(admin, { planId: plan.id, items: [a, b, c].map((u) => ({ id: u.id, version: 2 })) })),
    );
    expect(applied).toBe(1);
  });

  it("retire: merges into a unit of the same plan, moving projects (sub-projects too) and officers in one transaction, audited per project, per officer and on the unit", async () => {
    const { plan, section, units } = await makePlan(db, { unitNames: ["甲县", "乙县", "丙县"] });
    const [a, b, c] = units;
    const other = await makePlan(db, { unitNames: ["外县"] });
    const p1 = await makeProject(db, { planId: plan.id, sectionId: section.id, unitId: a.id });
    const bundle = await makeProject(db, { planId: plan.id, sectionId: section.id, unitId: a.id });
    const child = await makeProject(db, { planId: plan.id, sectionId: section.id, unitId: a.id, parentId: bundle.id, totalWan: null });
    const untouched = await makeProject(db, { planId: plan.id, sectionId: section.id, unitId: c.id });
    const onlyA = await makeUser(db, { role: "COUNTY_OFFICER", unitIds: [a.id] });
    const bothAB = await makeUser(db, { role: "COUNTY_OFFICER", unitIds: [a.id, b.id] });

    const fields = async (input: Record<string, unknown>) => (await expectAppError(retireUnit(admin, input), "VALIDATION")).fieldErrors;
    expect(await fields({ id: a.id, version: 1, targetId: a.id })).toEqual({ targetId: ["不能并入自身"] });
    expect(await fields({ id: a.id, version: 1, targetId: other.units[0].id })).toEqual({ targetId: ["请选择本规划的填报单位"] });
    expect(await fields({ id: a.id, version: 1, targetId: "" })).toEqual({ targetId: ["请选择并入的单位"] });
    expect(Object.keys((await fields({ id: a.id, version: 1, targetId: TOO_BIG_ID }))!)).toEqual(["targetId"]);
    await expectAppError(retireUnit(admin, { id: a.id, version: 9, targetId: b.id }), "CONFLICT");
    await refusedForOthers((actor) => retireUnit(actor, { id: a.id, version: 1, targetId: b.id }), [a.id]);

    const r = await retireUnit(admin, { id: a.id, version: 1, targetId: b.id, reason: "区划调整" });
    expect(r).toMatchObject({ movedProjects: 3, movedOfficers: 3 }); // with the officer of refusedForOthers
    expect(await db.reportingUnit.findUniqueOrThrow({ where: { id: a.id } })).toMatchObject({ mergedIntoId: b.id, version: 2, retiredAt: expect.any(Date) });
    for (const p of [p1, bundle, child]) expect(await db.project.findUniqueOrThrow({ where: { id: p.id } })).toMatchObject({ unitId: b.id, version: 2 });
    expect((await db.project.findUniqueOrThrow({ where: { id: untouched.id } })).unitId).toBe(c.id);
    expect((await db.userUnit.findMany({ where: { userId: onlyA.id } })).map((u) => u.unitId)).toEqual([b.id]);
    expect((await db.userUnit.findMany({ where: { userId: bothAB.id } })).map((u) => u.unitId)).toEqual([b.id]);
    expect((await db.user.findUniqueOrThrow({ where: { id: onlyA.id } })).version).toBe(2);

    const projectEvents = await db.auditEvent.findMany({ where: { action: "project.update", entityId: { in: [p1, bundle, child].map((p) => String(p.id)) } } });
    expect(projectEvents).toHaveLength(3);
    for (const e of projectEvents)
      expect(e).toMatchObject({
        reason: "单位合并：甲县 → 乙县（区划调整）",
        entityVersion: 2,
        unitId: b.id,
        changes: [{ field: "unitId", old: String(a.id), new: String(b.id) }],
      });
    expect(
      await db.auditEvent.count({
        where: { action: "user.update", entityId: { in: [String(onlyA.id), String(bothAB.id)] }, reason: { startsWith: "单位合并" } },
      }),
    ).toBe(2);
    expect((await audits("unit.retire", a.id))[0].changes).toEqual(
      expect.arrayContaining([
        { field: "mergedInto", old: null, new: "乙县" },
        { field: "projects", old: "3", new: "0" },
        { field: "officers", old: "3", new: "0" },
      ]),
    );

    // retired: listed apart, no longer a target, not renamed again, not in the user forms' picker
    const adminView = await getPlanAdmin(admin, { id: plan.id });
    expect(adminView.units.map((u) => u.name)).toEqual(["乙县", "丙县"]);
    expect(adminView.retiredUnits).toEqual([expect.objectContaining({ name: "甲县", mergedInto: "乙县", projects: 0, officers: 0 })]);
    expect(await fields({ id: c.id, version: 1, targetId: a.id })).toEqual({ targetId: ["目标单位已停用"] });
    await expectAppError(retireUnit(admin, { id: a.id, version: 2, targetId: c.id }), "CONFLICT");
    await expectAppError(updateUnit(admin, { id: a.id, version: 2, name: "甲县复", regionId: null }), "VALIDATION");
    const picker = (await unitChoices(admin, {})).flatMap((g) => g.units.map((u) => u.id));
    expect(picker).toContain(b.id);
    expect(picker).not.toContain(a.id);
    expect((await filterOptions(admin, { planId: plan.id })).units.map((u) => u.name)).toEqual(["乙县", "丙县"]);
    // a new unit cannot take a retired unit's name
    await expectAppError(createUnit(admin, { planId: plan.id, name: "甲县" }), "VALIDATION");
  });

  it("20 concurrent merges of one unit from one version: exactly 1 applies", async () => {
    const { plan, section, units } = await makePlan(db, { unitNames: ["甲县", "乙县", "丙县"] });
    await makeProject(db, { planId: plan.id, sectionId: section.id, unitId: units[0].id });
    const applied = await race(Array.from({ length: 20 }, (_, i) => () => retireUnit(admin, { id: units[0].id, version: 1, targetId: units[1 + (i % 2)].id })));
    expect(applied).toBe(1);
    expect(await audits("unit.retire", units[0].id)).toHaveLength(1);
    // merging two units into each other at once: never both
    const [x, y] = (await makePlan(db, { unitNames: ["子县", "丑县"] })).units;
    const both = await Promise.allSettled([
      retireUnit(admin, { id: x.id, version: 1, targetId: y.id }),
      retireUnit(admin, { id: y.id, version: 1, targetId: x.id }),
    ]);
    expect(both.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db.reportingUnit.count({ where: { id: { in: [x.id, y.id] }, retiredAt: null } })).toBe(1);
  });
});

describe("sections", () => {
  it("create a category or a numbered 专栏, rename, reorder; titles and numbers unique in the plan; audited", async () => {
    const { plan, section } = await makePlan(db, { unitNames: [] });
    const col = await createSection(admin, { planId: plan.id, kind: "COLUMN", number: "专栏3", title: "医疗服务能力提升项目" });
    expect(await db.section.findUniqueOrThrow({ where: { id: col.id } })).toMatchObject({
      key: `sec-${col.id}`,
      kind: "COLUMN",
      number: "专栏3",
      sortOrder: 1,
      version: 1,
    });
    expect((await audits("section.create", col.id))[0].changes).toEqual([
      { field: "kind", old: null, new: "COLUMN" },
      { field: "number", old: null, new: "专栏3" },
      { field: "title", old: null, new: "医疗服务能力提升项目" },
    ]);
    const cat = await createSection(admin, { planId: plan.id, kind: "CATEGORY", title: "公卫机构" });

    const fields = async (p: Promise<unknown>) => (await expectAppError(p, "VALIDATION")).fieldErrors;
    expect(await fields(createSection(admin, { planId: plan.id, kind: "COLUMN", title: "无编号" }))).toEqual({ number: ["专栏须填写编号，如“专栏3”"] });
    expect(await fields(createSection(admin, { planId: plan.id, kind: "CATEGORY", title: "医院" }))).toEqual({ title: ["本规划已有“医院”"] });
    expect(await fields(createSection(admin, { planId: plan.id, kind: "COLUMN", number: "专栏3", title: "另一个" }))).toEqual({
      number: ["本规划已有编号“专栏3”"],
    });
    expect(Object.keys((await fields(createSection(admin, { planId: plan.id, kind: "CHAPTER", title: "x".repeat(101) })))!).sort()).toEqual(["kind", "title"]);
    await refusedForOthers((actor) => createSection(actor, { planId: plan.id, kind: "CATEGORY", title: "其它" }));

    await updateSection(admin, { id: cat.id, version: 1, title: "公共卫生机构", reason: "统一名称" });
    expect((await audits("section.update", cat.id))[0]).toMatchObject({
      entityVersion: 2,
      changes: [{ field: "title", old: "公卫机构", new: "公共卫生机构" }],
    });
    await expectAppError(updateSection(admin, { id: cat.id, version: 1, title: "旧表单" }), "CONFLICT");
    expect(await fields(updateSection(admin, { id: col.id, version: 1, number: "", title: "医疗服务能力提升项目" }))).toEqual({
      number: ["专栏须填写编号，如“专栏3”"],
    });
    expect(await fields(updateSection(admin, { id: cat.id, version: 2, title: "医院" }))).toEqual({ title: ["本规划已有“医院”"] });
    await refusedForOthers((actor) => updateSection(actor, { id: cat.id, version: 2, title: "其它" }));
    const applied = await race(
      Array.from({ length: 20 }, (_, i) => () => updateSection(admin, { id: col.id, version: 1, number: "专栏3", title: `标题 ${i}` })),
    );
    expect(applied).toBe(1);

    await reorderSections(admin, {
      planId: plan.id,
      items: [
        { id: cat.id, version: 2 },
        { id: section.id, version: 1 },
        { id: col.id, version: 2 },
      ],
    });
    expect((await db.section.findMany({ where: { planId: plan.id }, orderBy: { sortOrder: "asc" } })).map((s) => s.id)).toEqual([cat.id, section.id, col.id]);
    await expectAppError(
      reorderSections(admin, {
        planId: plan.id,
        items: [
          { id: cat.id, version: 2 },
          { id: section.id, version: 1 },
          { id: col.id, version: 2 },
        ],
      }),
      "CONFLICT",
    );
    await refusedForOthers((actor) => reorderSections(actor, { planId: plan.id, items: [{ id: section.id, version: 2 }] }));
  });
});

describe("the import template", () => {
  it("downloads with the header, a title line, the plan's units and categories as pick lists and a 说明 sheet; it imports back as 0 rows, and filled in it imports", async () => {
    const { plan, units } = await makePlan(db, { unitNames: ["甲县", "乙县", "旧县"] });
    await retireUnit(admin, { id: units[2].id, version: 1, targetId: units[0].id });
    const officer = await sessionFor("COUNTY_OFFICER", [units[0].id]);
    const job = await prepareTemplateExport(officer, { plan: plan.id });
    expect(job.fileName).toBe(`${plan.title}-项目表导入模板.xlsx`);
    const bytes = await collect(job.write);
    const wb = await readWorkbook(bytes);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["项目表", "说明", "选项"]);
    const ws = wb.getWorksheet("项目表")!;
    expect(String(ws.getCell("A1").value)).toContain(plan.title);
    expect((ws.getRow(2).values as unknown[]).slice(1)).toEqual(["单位", "项目类别", "项目名称", "建设周期", "总投资（亿元）"]);
    expect(ws.getCell("A3").dataValidation).toMatchObject({ type: "list", formulae: ["'选项'!$A$2:$A$3"] });
    expect(ws.getCell("B100").dataValidation).toMatchObject({ type: "list", formulae: ["'选项'!$B$2:$B$2"] });
    const lists = wb.getWorksheet("选项")!;
    expect(lists.state).toBe("hidden");
    expect([lists.getCell("A2").value, lists.getCell("A3").value, lists.getCell("A4").value, lists.getCell("B2").value]).toEqual([
      "甲县",
      "乙县",
      null,
      "医院",
    ]);
    expect(String(wb.getWorksheet("说明")!.getCell("A1").value)).toBe("填写说明");

    // blank: the import reads the header and finds no rows
    const blank = await previewImport(admin, { planId: plan.id, fileName: job.fileName, bytes });
    expect(blank.counts).toEqual({ new: 0, changed: 0, unchanged: 0, rejected: 0 });
    expect((await getImport(admin, { id: blank.batchId })).summary).toMatchObject({ layout: "appendix", moneyUnit: "yi", unknownHeaders: [] });

    // filled in: rows import (a new category is created on confirm)
    ws.getCell("A3").value = "甲县";
    ws.getCell("B3").value = "医院";
    ws.getCell("C3").value = "甲县人民医院新院区";
    ws.getCell("D3").value = "2026-2030";
    ws.getCell("E3").value = 2.5;
    ws.getCell("C4").value = "甲县中医院、甲县妇幼保健院";
    ws.getCell("D4").value = "2027";
    ws.getCell("A5").value = "乙县";
    ws.getCell("B5").value = "养老机构";
    ws.getCell("C5").value = "乙县康养中心";
    const filled = Buffer.from(await wb.xlsx.writeBuffer());
    const preview = await previewImport(admin, { planId: plan.id, fileName: "填好的模板.xlsx", bytes: filled });
    expect(preview.counts).toEqual({ new: 3, changed: 0, unchanged: 0, rejected: 0 });
    expect((await getImport(admin, { id: preview.batchId })).summary.newSections).toEqual(["养老机构"]);
    expect(await commitImport(admin, { batchId: preview.batchId })).toMatchObject({ created: 5 });
    const hospital = await db.project.findFirstOrThrow({ where: { planId: plan.id, name: "甲县人民医院新院区" } });
    expect(hospital).toMatchObject({ unitId: units[0].id, startYear: 2026, endYear: 2030 });
    expect(hospital.totalInvestment!.toString()).toBe("25000");
    expect((await db.project.findFirstOrThrow({ where: { planId: plan.id, name: "乙县康养中心" }, include: { section: true } })).section.title).toBe(
      "养老机构",
    );
  });

  it("without a plan: no pick lists; an unknown plan is 404; viewers cannot export", async () => {
    const wb = await readWorkbook(await collect((await prepareTemplateExport(admin, {})).write));
    expect(wb.worksheets.map((w) => w.name)).toEqual(["项目表", "说明"]);
    expect(wb.getWorksheet("项目表")!.getCell("A3").dataValidation).toBeUndefined();
    await expectAppError(prepareTemplateExport(admin, { plan: 99999999 }), "NOT_FOUND");
    await expectAppError(prepareTemplateExport(admin, { plan: TOO_BIG_ID }), "VALIDATION");
    await expectAppError(prepareTemplateExport(await sessionFor("VIEWER"), {}), "FORBIDDEN");
  });
});
