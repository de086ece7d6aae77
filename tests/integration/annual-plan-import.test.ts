import { beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { db } from "@/lib/db";
import type { SessionUser } from "@/lib/server/auth/current-user";
import { proposeAnnualPlan } from "@/lib/server/annual-plans/propose-annual-plan";
import { setAnnualPlan } from "@/lib/server/annual-plans/set-annual-plan";
import { commitImport } from "@/lib/server/imports/commit-import";
import { getImport } from "@/lib/server/imports/get-import";
import { previewImport } from "@/lib/server/imports/preview-import";
import { makePlan, makeProject } from "@/lib/server/seed/factories";
import { expectAppError, sessionFor } from "../support/users";

// A 年度投资计划 sheet sets (下达) official annual plans: previewed old → new, committed all or none.
let admin: SessionUser;
beforeAll(async () => {
  admin = await sessionFor("ADMIN");
});

async function xlsx(rows: (string | number | null)[][]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("年度计划");
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function portfolio() {
  const { plan, section, units } = await makePlan(db, { unitNames: ["子县", "丑县"] });
  const make = (name: string, unitId: number, extra: { parentId?: number; totalWan?: string | null } = {}) =>
    makeProject(db, { planId: plan.id, sectionId: section.id, unitId, name, ...extra });
  const a = await make("子县人民医院", units[0].id);
  const b = await make("丑县疾控中心", units[1].id);
  const bundle = await make("丑县乡镇卫生院打包", units[1].id);
  const child = await make("某镇卫生院", units[1].id, { parentId: bundle.id, totalWan: null });
  return { plan, units, a, b, bundle, child };
}

const amount = async (projectId: number, year: number) =>
  (await db.annualPlanAmount.findUnique({ where: { projectId_year: { projectId, year } } }))?.amount?.toString() ?? null;

describe("import: 年度投资计划", () => {
  it("previews each amount old → new and rejects bad rows with the reason per cell; confirm sets them as 下达, once", async () => {
    const { plan, a, b, bundle, child } = await portfolio();
    await setAnnualPlan(admin, { projectId: b.id, year: 2026, amount: "300", moneyUnit: "wan", reason: "年初下达" });
    const file = await xlsx([
      ["2026年度投资计划", null, null, null],
      ["项目编号", "单位", "项目名称", "年度", "年度计划投资（万元）"],
      [a.key, null, null, 2026, 1200.5],
      [null, "丑县", "丑县疾控中心", "2026", "350"],
      [null, "丑县", "丑县乡镇卫生院打包", 2027, 80],
      [null, "丑县", "某镇卫生院", 2026, 10],
      [null, "丑县", "不存在的项目", 2026, 10],
      [a.key, null, null, 1999, 10],
      [bundle.key, null, null, 2026, "一百"],
      [bundle.key, null, null, 2026, "123456789012345"],
      [a.key, null, null, 2026, 5],
    ]);
    const { batchId, counts } = await previewImport(admin, { planId: plan.id, fileName: "年度计划.xlsx", bytes: file });
    expect(counts).toEqual({ new: 2, changed: 1, unchanged: 0, rejected: 6 });
    const rows = (await getImport(admin, { id: batchId, state: "all" })).rows;
    expect(rows.map((r) => r.state)).toEqual(["new", "changed", "new", "rejected", "rejected", "rejected", "rejected", "rejected", "rejected"]);
    expect(rows[1].changes).toEqual([{ field: "annualPlan.2026", old: "300", new: "350" }]);
    expect(rows[3].reasons![0].message).toContain("子项目");
    expect(rows[4].reasons![0].message).toContain("找不到该项目");
    expect(rows[5].reasons![0].message).toContain("2000–2100");
    expect(rows[6].reasons![0].message).toContain("不是不小于 0 的数字");
    expect(rows[7].reasons![0].message).toContain("超出可保存的范围");
    expect(rows[8].reasons![0].message).toContain("重复");
    // Nothing is written by the preview.
    expect(await amount(a.id, 2026)).toBeNull();

    const result = await commitImport(admin, { batchId });
    expect(result).toMatchObject({ annualPlans: 3, already: false });
    expect([await amount(a.id, 2026), await amount(b.id, 2026), await amount(bundle.id, 2027), await amount(child.id, 2026)]).toEqual([
      "1200.5",
      "350",
      "80",
      null,
    ]);
    const audit = await db.auditEvent.findMany({ where: { action: "annualPlan.set", reason: { contains: `导入批次 #${batchId}` } } });
    expect(audit).toHaveLength(3);
    expect(audit.every((e) => e.reason!.startsWith("下达："))).toBe(true);
    // Committing again changes nothing; the same file again previews as unchanged.
    expect(await commitImport(admin, { batchId })).toMatchObject({ already: true });
    expect((await previewImport(admin, { planId: plan.id, fileName: "年度计划.xlsx", bytes: file })).counts).toMatchObject({
      new: 0,
      changed: 0,
      unchanged: 3,
    });
  });

  it("writes nothing when an amount changed since the preview; an open proposal is closed by the 下达", async () => {
    const { plan, units, a, b } = await portfolio();
    const officer = await sessionFor("COUNTY_OFFICER", [units[0].id]);
    await proposeAnnualPlan(officer, { projectId: a.id, year: 2026, amount: "999", moneyUnit: "wan" });
    const file = await xlsx([
      ["项目编号", "项目名称", "年度", "年度计划投资（亿元）"],
      [a.key, "子县人民医院", 2026, 0.12],
      [b.key, "丑县疾控中心", 2026, 0.05],
    ]);
    const first = await previewImport(admin, { planId: plan.id, fileName: "a.xlsx", bytes: file });
    await setAnnualPlan(admin, { projectId: b.id, year: 2026, amount: "1", moneyUnit: "wan", reason: "先行下达" });
    const audit = await db.auditEvent.count();
    await expectAppError(commitImport(admin, { batchId: first.batchId }), "CONFLICT");
    expect(await amount(a.id, 2026)).toBeNull();
    expect(await db.auditEvent.count()).toBe(audit);

    const second = await previewImport(admin, { planId: plan.id, fileName: "a.xlsx", bytes: file });
    await commitImport(admin, { batchId: second.batchId });
    const row = await db.annualPlanAmount.findUniqueOrThrow({ where: { projectId_year: { projectId: a.id, year: 2026 } } });
    expect(row).toMatchObject({ proposalStatus: null, proposedAmount: null });
    expect(row.amount!.toString()).toBe("1200");
  });

  it("refuses a sheet without a money unit, and one that mixes 总投资 with annual plans, changing nothing", async () => {
    const { plan, a } = await portfolio();
    const noUnit = await xlsx([
      ["项目编号", "项目名称", "年度", "年度计划投资"],
      [a.key, "子县人民医院", 2026, 1],
    ]);
    expect((await expectAppError(previewImport(admin, { planId: plan.id, fileName: "b.xlsx", bytes: noUnit }), "BAD_FILE")).message).toContain(
      "年度计划投资的金额单位",
    );
    const mixed = await xlsx([
      ["项目编号", "项目名称", "总投资（万元）", "年度", "年度计划投资（万元）"],
      [a.key, "子县人民医院", 5, 2026, 1],
    ]);
    expect((await expectAppError(previewImport(admin, { planId: plan.id, fileName: "c.xlsx", bytes: mixed }), "BAD_FILE")).message).toContain(
      "只能导入年度计划投资",
    );
  });
});
