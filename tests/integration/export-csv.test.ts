import fs from "node:fs";
import { Decimal } from "decimal.js";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { parseCsv } from "@/lib/excel/csv";
import { makePlan, makeProject } from "@/lib/server/seed/factories";
import { prepareCsv } from "@/lib/server/exports/export-csv";
import { prepareRollupExport } from "@/lib/server/exports/export-rollup";
import { previewImport } from "@/lib/server/imports/preview-import";
import { listProjects } from "@/lib/server/projects/list-projects";
import { parseProjectFilters } from "@/lib/schemas/project-filters";
import { planRollup, planTotals } from "@/lib/server/rollups/plan-rollup";
import type { SessionUser } from "@/lib/server/auth/current-user";
import { collect, convertWithLibreOffice, readWorkbook } from "../support/excel";
import { expectAppError, sessionFor } from "../support/users";

let finance: SessionUser;
beforeAll(async () => {
  finance = await sessionFor("FINANCE_REVIEWER");
});

describe("CSV of the list screens", () => {
  it("the project list with its filters: UTF-8 with BOM, formula-safe text, amounts in the chosen unit; LibreOffice reads the Chinese", async () => {
    const plan = await db.plan.findUniqueOrThrow({ where: { key: "yueyang" } });
    const unit = await db.reportingUnit.findFirstOrThrow({ where: { planId: plan.id, name: "平江县" } });
    const params = { plan: String(plan.id), unit: String(unit.id), money: "yi" };
    const buf = await collect((await prepareCsv(finance, { list: "projects", ...params })).write);
    expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(buf.toString("utf8"));
    expect(rows[0]).toEqual(["项目编号", "规划", "单位", "项目类别", "项目名称", "类型", "上级项目编号", "建设单位", "建设周期", "总投资（亿元）", "状态"]);
    const { total } = await listProjects(finance, parseProjectFilters(params));
    expect(rows.length - 1).toBe(total);
    expect(rows.slice(1).every((r) => r[2] === "平江县")).toBe(true);
    // the amounts add up to the list's total: 41.93 亿元 (sub-projects carry none)
    const sum = rows.slice(1).reduce((s, r) => (r[9] ? s.add(r[9]) : s), new Decimal(0));
    expect(sum.toFixed()).toBe("41.93");

    // Excel picks UTF-8 from the BOM; headless LibreOffice is told the charset (76 = UTF-8) and must
    // then drop the BOM rather than keep it in the first cell.
    const xlsx = convertWithLibreOffice(buf, "csv", "xlsx", "CSV:44,34,76");
    const wb = await readWorkbook(fs.readFileSync(xlsx));
    expect(wb.worksheets[0].getCell("A1").value).toBe("项目编号");
    expect(wb.worksheets[0].getCell("C2").value).toBe("平江县");
  });

  it("neutralises text that would be a formula, and comes back unchanged through the import", async () => {
    const { plan, section, units } = await makePlan(db, { unitNames: ["甲县"] });
    await makeProject(db, { planId: plan.id, sectionId: section.id, unitId: units[0].id, name: "=1+2", totalWan: "12.5" });
    await makeProject(db, { planId: plan.id, sectionId: section.id, unitId: units[0].id, name: "@SUM(A1)", totalWan: null });
    await makeProject(db, { planId: plan.id, sectionId: section.id, unitId: null, name: '普通, "引号" 项目', totalWan: "1" });
    const buf = await collect((await prepareCsv(finance, { list: "projects", plan: String(plan.id), money: "wan" })).write);
    const text = buf.toString("utf8");
    expect(text).toContain("'=1+2");
    expect(text).toContain("'@SUM(A1)");
    expect(text).toContain('"普通, ""引号"" 项目"');
    const preview = await previewImport(await sessionFor("ADMIN"), { planId: plan.id, fileName: "项目列表.csv", bytes: buf });
    expect(preview.counts).toEqual({ new: 0, changed: 0, unchanged: 3, rejected: 0 });
  });

  it("plans, warnings, users, audit and imports lists; each needs its permission", async () => {
    const plan = await db.plan.findUniqueOrThrow({ where: { key: "yueyang" } });
    const plans = parseCsv((await collect((await prepareCsv(finance, { list: "plans" })).write)).toString("utf8"));
    expect(plans.length).toBe(1 + (await db.plan.count()));
    const warnings = parseCsv((await collect((await prepareCsv(finance, { list: "warnings", plan: String(plan.id) })).write)).toString("utf8"));
    expect(warnings.length).toBe(1 + (await db.dataWarning.count({ where: { planId: plan.id } })));
    const admin = await sessionFor("ADMIN");
    const users = parseCsv((await collect((await prepareCsv(admin, { list: "users" })).write)).toString("utf8"));
    expect(users[0]).toEqual(["用户名", "姓名", "角色", "负责单位", "状态"]);
    const audit = parseCsv((await collect((await prepareCsv(admin, { list: "audit", entityType: "Plan" })).write)).toString("utf8"));
    expect(audit.length).toBe(1 + (await db.auditEvent.count({ where: { entityType: "Plan" } })));
    await collect((await prepareCsv(admin, { list: "imports" })).write);

    await expectAppError(prepareCsv(await sessionFor("VIEWER"), { list: "plans" }), "FORBIDDEN");
    await expectAppError(prepareCsv(finance, { list: "users" }), "FORBIDDEN");
    await expectAppError(prepareCsv(finance, { list: "audit" }), "FORBIDDEN");
    await expectAppError(prepareCsv(finance, { list: "imports" }), "FORBIDDEN");
    await expectAppError(prepareCsv(finance, { list: "nothing" }), "NOT_FOUND");
  });
});

describe("rollup table as .xlsx", () => {
  it("by unit and by section, totals equal the plan rollup; opens in LibreOffice", async () => {
    const plan = await db.plan.findUniqueOrThrow({ where: { key: "yueyang" } });
    const job = await prepareRollupExport(finance, { plan: plan.id, money: "yi" });
    const buf = await collect(job.write);
    const wb = await readWorkbook(buf);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["按单位", "按专栏类别"]);
    const ws = wb.getWorksheet("按单位")!;
    const totals = await planTotals(plan.id);
    expect([ws.getCell("B4").value, ws.getCell("C4").value, ws.getCell("E4").value]).toEqual(["合计", totals.projectCount, Number(totals.totalWan) / 10000]);
    const rollup = await planRollup(plan.id, "unit");
    rollup.forEach((r, i) => {
      expect(ws.getRow(5 + i).getCell(2).value).toBe(r.name);
      expect(ws.getRow(5 + i).getCell(5).value).toBe(r.totalWan === null ? null : Number(r.totalWan) / 10000);
    });
    expect(ws.getCell("E5").numFmt).toBe("#,##0.0000");
    expect(fs.existsSync(convertWithLibreOffice(buf, "xlsx", "pdf"))).toBe(true);
  });
});
