import { beforeAll, describe, expect, it } from "vitest";
import { Decimal } from "decimal.js";
import { db } from "@/lib/db";
import { planRollup, planTotals } from "@/lib/server/rollups/plan-rollup";

// Figures below were computed by hand from the plan documents in prisma/seed-data/sources.
const planId = async (key: string) => (await db.plan.findUniqueOrThrow({ where: { key } })).id;
// Other test files add their own plans; these tests look at the five seeded ones.
// The five seeded plans (other tests create plans of their own).
const SEEDED = { key: { in: ["xiangxi", "hunan", "yueyang", "city003", "pingba"] } };

describe("seed: the five plans", () => {
  it("loads every plan with its level, region and source file", async () => {
    const plans = await db.plan.findMany({ where: SEEDED, orderBy: { sourceFile: "asc" }, include: { region: true } });
    expect(plans.map((p) => [p.key, p.level, p.region.name, p.sourceFile])).toEqual([
      ["xiangxi", "PREFECTURE", "湘西土家族苗族自治州", "000_d8ddebddb8029f45.txt"],
      ["hunan", "PROVINCE", "湖南省", "001_ff4f0b085b05f27f.txt"],
      ["yueyang", "CITY", "岳阳市", "002_43e534452d03a9c6.txt"],
      ["city003", "CITY", "某市（匿名）", "003_01cee217d4c11053.txt"],
      ["pingba", "DISTRICT", "平坝区", "004_7652db6a697673a0.txt"],
    ]);
    expect(plans.every((p) => p.periodStart === 2021 && p.periodEnd === 2025)).toBe(true);
    expect(plans.find((p) => p.key === "city003")!.hasProjectList).toBe(false);
  });

  it("row counts per plan", async () => {
    const counts = await db.project.groupBy({ by: ["planId", "kind"], where: { plan: SEEDED }, _count: true });
    const byKey = new Map((await db.plan.findMany()).map((p) => [p.id, p.key]));
    const table = Object.fromEntries(counts.map((c) => [`${byKey.get(c.planId)}/${c.kind}`, c._count]));
    expect(table).toEqual({
      "xiangxi/PROJECT": 28,
      "xiangxi/PROGRAMME": 25,
      "hunan/PROGRAMME": 63,
      "yueyang/PROJECT": 116,
      "yueyang/PROGRAMME": 37,
      "city003/PROGRAMME": 28,
      "pingba/PROJECT": 20,
      "pingba/PROGRAMME": 11,
    });
    expect(await db.section.count({ where: { plan: { key: "hunan" }, kind: "COLUMN" } })).toBe(12);
    expect(await db.section.count({ where: { plan: { key: "xiangxi" }, kind: "COLUMN" } })).toBe(6);
  });

  describe("Yueyang appendix", () => {
    let id: number;
    beforeAll(async () => {
      id = await planId("yueyang");
    });

    it("per-unit totals in 亿元 equal the document's rows", async () => {
      const rows = await planRollup(id, "unit");
      const yi = Object.fromEntries(rows.map((r) => [r.name, r.totalWan === null ? null : new Decimal(r.totalWan).div(10000).toFixed()]));
      expect(yi).toEqual({
        市本级: "78.52",
        岳阳楼区: "6.816",
        云溪区: "4.82",
        君山区: "3.27",
        岳阳县: "25.75",
        华容县: "8.3",
        湘阴县: "8.73",
        临湘市: "21.4",
        汨罗市: "16.7",
        平江县: "41.93",
        屈原区: "5.3",
        经开区: "4.2",
        省驻岳单位: "2",
        未分配单位: null, // 专栏2 and 专栏10 name two projects without a unit or amount
      });
      const totals = await planTotals(id);
      expect(new Decimal(totals.totalWan!).div(10000).toFixed()).toBe("227.736");
      // The plan total is exactly the sum of its unit groups.
      const sum = rows.reduce((acc, r) => acc.add(r.totalWan ?? 0), new Decimal(0));
      expect(sum.toFixed()).toBe(new Decimal(totals.totalWan!).toFixed());
    });

    it("stores amounts exactly in 万元 (5.246 亿元 → 52460 万元)", async () => {
      const p = await db.project.findFirstOrThrow({ where: { planId: id, name: "公共卫生服务体系提质改造项目" } });
      expect(p.totalInvestment!.toString()).toBe("52460");
      expect(p.sourceText).toContain("5.246");
    });

    it("a bundled row is a parent with sub-projects that carry no money", async () => {
      const parent = await db.project.findFirstOrThrow({
        where: { planId: id, name: { startsWith: "第一人民医院整体搬迁建设项目、" } },
        include: { children: { orderBy: { sortOrder: "asc" } }, unit: true },
      });
      expect(parent.unit!.name).toBe("平江县");
      expect(parent.totalInvestment!.toString()).toBe("120000");
      expect(parent.children).toHaveLength(8);
      expect(parent.children.every((c) => c.totalInvestment === null && c.unitId === parent.unitId)).toBe(true);
      expect(parent.children[0].name).toBe("第一人民医院整体搬迁建设项目");
      // Counted as reporting lines: the bundle is one project (its table row); its sub-projects are
      // counted apart. 平江县 has 13 table rows, three of them bundles of 8 + 3 + 2 sub-projects.
      const pingjiang = (await planRollup(id, "unit")).find((r) => r.name === "平江县")!;
      const lines = await db.project.count({ where: { planId: id, unitId: parent.unitId, kind: "PROJECT", parentId: null } });
      expect([pingjiang.projectCount, pingjiang.subProjectCount]).toEqual([lines, 13]);
      expect(lines).toBe(13);
    });

    it("counts: 84 projects (82 table rows + 2 named in 专栏 without a unit), 32 sub-projects apart, 37 programmes", async () => {
      const t = await planTotals(id);
      expect([t.projectCount, t.subProjectCount, t.programmeCount, t.unknownCount]).toEqual([84, 32, 37, 2]);
      // every PROJECT row is a line or a sub-project: 84 + 32 = 116
      expect(t.projectCount + t.subProjectCount).toBe(await db.project.count({ where: { planId: id, kind: "PROJECT" } }));
    });

    it("raises the declared-count mismatch as a warning and keeps the source as printed", async () => {
      const mismatch = await db.dataWarning.findMany({ where: { planId: id, code: "DECLARED_COUNT_MISMATCH" } });
      expect(mismatch).toHaveLength(1);
      expect(mismatch[0].message).toMatch(/^平江县 · 医院：表中声明17个，实际列出13个项目/);
      const lost = await db.dataWarning.findMany({ where: { planId: id, code: "LOST_HEADING" }, include: { section: true } });
      expect(lost.map((w) => w.section?.number).sort()).toEqual(["专栏7", "专栏9"]);
    });
  });

  it("unknown investments stay null, never 0", async () => {
    expect(await db.project.count({ where: { plan: SEEDED, totalInvestment: 0 } })).toBe(0);
    const xiangxi = await planId("xiangxi");
    expect(await db.project.count({ where: { planId: xiangxi, totalInvestment: { not: null } } })).toBe(0);
    const totals = await planTotals(xiangxi);
    expect(totals.totalWan).toBeNull();
    expect(totals.unknownCount).toBe(28);
  });

  it("Xiangxi projects sit under the county the document names", async () => {
    const id = await planId("xiangxi");
    const projects = await db.project.findMany({ where: { planId: id, kind: "PROJECT" }, include: { unit: true } });
    // Every named project has a unit, and its source sentence names that county (or is a 州 project).
    for (const p of projects) {
      expect(p.unit, p.name).not.toBeNull();
      const county = p.unit!.name;
      const text = p.sourceText ?? "";
      if (county !== "州本级") expect(text.includes(county) || text.includes(county.slice(0, 2)), `${p.name} → ${county}`).toBe(true);
    }
    const units = new Set(projects.map((p) => p.unit!.name));
    for (const county of ["吉首市", "泸溪县", "凤凰县", "保靖县", "古丈县", "永顺县", "龙山县", "州本级"]) expect(units.has(county), county).toBe(true);
  });

  it("every seeded project carries its source file, locator and verbatim source text", async () => {
    const missing = await db.project.count({ where: { OR: [{ sourceText: "" }, { sourceLocator: "" }, { sourceFile: "" }] } });
    expect(missing).toBe(0);
  });
});
