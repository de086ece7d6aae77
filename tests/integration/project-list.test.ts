import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { listProjects, PAGE_SIZE } from "@/lib/server/projects/list-projects";
import { makePlan, makeProject } from "@/lib/server/seed/factories";
import { makeAnnualPlan, makeReport } from "@/lib/server/seed/report-factories";
import { sessionFor } from "../support/users";

// The project list reads its footer (counts, 总投资, rows for paging) from the rollup cache and only its
// page's rows from the table (issue #17): the footer must follow every write at once, and the per-row
// badges (打包 n 项, 数据提示) count each row's own children and warnings.
describe("project list", () => {
  it("footer follows writes immediately; badges count each row's own sub-projects and warnings", async () => {
    const { plan, section, units } = await makePlan(db, { unitNames: ["甲县"] });
    const viewer = await sessionFor("VIEWER");
    const list = () => listProjects(viewer, { plan: String(plan.id) });
    const line = await makeProject(db, { planId: plan.id, sectionId: section.id, unitId: units[0].id, totalWan: "100.5" });
    await makeProject(db, { planId: plan.id, sectionId: section.id, unitId: units[0].id, totalWan: null });

    const before = await list();
    expect(before).toMatchObject({ total: 2, counts: { projectCount: 2, subProjectCount: 0 }, totalWan: "100.5", unknownCount: 1, pages: 1 });

    // A bundle line with two sub-projects and a warning: the footer changes on the next read (cache
    // invalidated by the write), and only that row carries the badges.
    const bundle = await makeProject(db, { planId: plan.id, sectionId: section.id, unitId: units[0].id, totalWan: "20" });
    await makeProject(db, { planId: plan.id, sectionId: section.id, unitId: units[0].id, parentId: bundle.id, totalWan: null });
    await makeProject(db, { planId: plan.id, sectionId: section.id, unitId: units[0].id, parentId: bundle.id, totalWan: null });
    await db.dataWarning.create({ data: { planId: plan.id, target: "PROJECT", projectId: bundle.id, code: "TEST", message: "测试提示" } });
    const after = await list();
    expect(after).toMatchObject({ total: 5, counts: { projectCount: 3, subProjectCount: 2 }, totalWan: "120.5", unknownCount: 1 });
    const row = (id: number) => after.rows.find((r) => r.id === id)!;
    expect(row(bundle.id)._count).toEqual({ children: 2, warnings: 1 });
    expect(row(line.id)._count).toEqual({ children: 0, warnings: 0 });

    // An approved report or an annual plan changes no footer figure: the kept footer is reused as is
    // (it follows the portfolio version), while a plan edit makes it recomputed.
    await makeReport(db, { projectId: bundle.id, period: "2025-03", status: "APPROVED", completedWan: "1" });
    await makeAnnualPlan(db, { projectId: bundle.id, year: 2025, amountWan: "3" });
    expect((await list()).counts).toBe(after.counts);
    await db.plan.update({ where: { id: plan.id }, data: { title: `${plan.title}（修订）` } });
    const replanned = await list();
    expect(replanned.counts).not.toBe(after.counts);
    expect(replanned.counts).toEqual(after.counts);

    // Soft-deleting a project takes it out of the footer at once too.
    await db.project.update({ where: { id: line.id }, data: { deletedAt: new Date() } });
    expect(await list()).toMatchObject({ total: 4, counts: { projectCount: 2 }, totalWan: "20" });
  });

  it("pages read only their rows, in the default order, with the count of every listed row", async () => {
    const { plan, section, units } = await makePlan(db, { unitNames: ["乙县"] });
    const viewer = await sessionFor("VIEWER");
    for (let i = 0; i < PAGE_SIZE + 3; i++) await makeProject(db, { planId: plan.id, sectionId: section.id, unitId: units[0].id, name: `分页项目 ${i}` });
    const first = await listProjects(viewer, { plan: String(plan.id) });
    const second = await listProjects(viewer, { plan: String(plan.id), page: "2" });
    expect(first.pages).toBe(2);
    expect(first.rows).toHaveLength(PAGE_SIZE);
    expect(second.rows.map((r) => r.name)).toEqual([`分页项目 ${PAGE_SIZE}`, `分页项目 ${PAGE_SIZE + 1}`, `分页项目 ${PAGE_SIZE + 2}`]);
    expect(second.total).toBe(PAGE_SIZE + 3);
  });
});
