import fs from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { db } from "@/lib/db";
import { IMPORT_MAX_BYTES, IMPORT_MAX_ROWS } from "@/lib/excel/limits";
import { makePlan, makeProject } from "@/lib/server/seed/factories";
import { makeAnnualPlan, makeApprovedReport } from "@/lib/server/seed/excel-factories";
import { prepareScheduleExport } from "@/lib/server/exports/export-schedule";
import { previewImport } from "@/lib/server/imports/preview-import";
import { commitImport } from "@/lib/server/imports/commit-import";
import { getImport } from "@/lib/server/imports/get-import";
import { updateProject } from "@/lib/server/projects/update-project";
import type { SessionUser } from "@/lib/server/auth/current-user";
import { collect, convertWithLibreOffice, readWorkbook } from "../support/excel";
import { expectAppError, sessionFor } from "../support/users";

let admin: SessionUser;
beforeAll(async () => {
  admin = await sessionFor("ADMIN");
});

async function xlsx(rows: (string | number | null)[][], sheetName = "附表") {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheetName);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function freshPlan() {
  const { plan, section, units } = await makePlan(db, { unitNames: ["甲县", "乙县"] });
  const s2 = await db.section.create({ data: { planId: plan.id, key: "s2", kind: "CATEGORY", title: "公卫机构", locator: "test", sortOrder: 1 } });
  return { plan, sections: [section, s2], units };
}

async function allRows(batchId: number) {
  return (await getImport(admin, { id: batchId, state: "all" })).rows;
}

// Everything an import could touch, to prove a refused file changes nothing.
async function snapshot(planId: number) {
  const [projects, audit, batches] = await Promise.all([
    db.project.findMany({ where: { planId }, orderBy: { id: "asc" } }),
    db.auditEvent.count(),
    db.importBatch.count(),
  ]);
  return { projects: JSON.stringify(projects), audit, batches };
}

const APPENDIX_HEADER = ["单位", "项目类别", "项目名称", "建设周期", "总投资（亿元）", "备注2"];

describe("import: the 岳阳 appendix layout", () => {
  it("previews every row as new or rejected with the reason per cell, then commits atomically and idempotently; a category the plan lacks is created on confirm", async () => {
    const { plan, units } = await freshPlan();
    const file = await xlsx([
      ["健康某市“十四五”规划重大项目表"],
      APPENDIX_HEADER,
      ["甲县", "医院（2个）", "甲县新院区", "2021-2025", 1.5, null],
      [null, null, "甲县中医院、甲县康复医院（二期）", "2022-2024", "0.8", null],
      [null, "公卫机构（1个）", "甲县疾控中心", "2021—2023", 0.3, "x"],
      ["乙县", "医院", "乙县人民医院", "2021-2025", "待定", null],
      ["丙县", "医院", "丙县医院", "2021-2025", 1, null],
      ["乙县", "医院", "乙县二院", "2025-2021", 1, null],
      [null, null, "乙县三院", "二〇二一", 1, null],
      [null, null, "乙县四院", "2021-2025", 2, null],
      [null, null, "乙县四院", "2021-2025", 2, null],
      [null, "养老", "乙县养老院", "2021-2025", 1, null],
    ]);
    const before = await snapshot(plan.id);
    const { batchId, counts } = await previewImport(admin, { planId: plan.id, fileName: "附表.xlsx", bytes: file });
    expect(counts).toEqual({ new: 5, changed: 0, unchanged: 0, rejected: 5 });
    expect((await snapshot(plan.id)).projects).toBe(before.projects); // preview writes no project

    const view = await getImport(admin, { id: batchId });
    expect(view.summary.unknownHeaders).toEqual(["备注2"]);
    expect(view.summary.layout).toBe("appendix");
    expect(view.summary.newSections).toEqual(["养老"]);
    const rows = await allRows(batchId);
    const reason = (name: string) => rows.find((r) => r.name === name && r.state === "rejected")?.reasons;
    expect(reason("乙县人民医院")).toEqual([{ column: "总投资（亿元）", message: "总投资“待定”不是数字" }]);
    expect(reason("丙县医院")).toEqual([{ column: "单位", message: expect.stringContaining("未知单位“丙县”") }]);
    expect(reason("乙县二院")).toEqual([{ column: "建设周期", message: "建设周期“2025-2021”起始年晚于结束年" }]);
    expect(reason("乙县三院")).toEqual([{ column: "建设周期", message: "建设周期“二〇二一”无法识别，应为“2021-2025”格式" }]);
    expect(reason("乙县四院")).toEqual([{ column: "项目名称", message: "文件中重复：与第 10 行是同一项目" }]);
    expect(rows.find((r) => r.name === "乙县养老院")).toMatchObject({
      state: "new",
      changes: expect.arrayContaining([{ field: "section", old: null, new: "养老" }]),
    });
    expect(await db.section.count({ where: { planId: plan.id, title: "养老" } })).toBe(0); // preview creates nothing
    expect(rows.find((r) => r.name.startsWith("甲县中医院"))).toMatchObject({ state: "new", children: 2 });

    const result = await commitImport(admin, { batchId });
    expect(result).toMatchObject({ created: 7, updated: 0 }); // 5 rows, one split into 2 sub-projects
    const eldercare = await db.section.findFirstOrThrow({ where: { planId: plan.id, title: "养老" } });
    expect(eldercare).toMatchObject({ kind: "CATEGORY", number: null });
    expect(await db.auditEvent.count({ where: { action: "section.create", entityId: String(eldercare.id) } })).toBe(1);
    const created = await db.project.findMany({ where: { planId: plan.id }, orderBy: { id: "asc" } });
    const byName = new Map(created.map((p) => [p.name, p]));
    expect(byName.get("甲县新院区")).toMatchObject({ unitId: units[0].id, startYear: 2021, endYear: 2025 });
    expect(byName.get("甲县新院区")!.totalInvestment!.toString()).toBe("15000");
    const bundle = byName.get("甲县中医院、甲县康复医院（二期）")!;
    expect(bundle.totalInvestment!.toString()).toBe("8000");
    expect(byName.get("甲县康复医院（二期）")).toMatchObject({ parentId: bundle.id, totalInvestment: null });
    expect(byName.get("甲县疾控中心")!.endYear).toBe(2023);
    // New buildings start with the milestone template; the bundle line itself gets none.
    expect(await db.milestone.count({ where: { projectId: byName.get("甲县新院区")!.id } })).toBe(9);
    expect(await db.milestone.count({ where: { projectId: byName.get("甲县康复医院（二期）")!.id } })).toBe(9);
    expect(await db.milestone.count({ where: { projectId: bundle.id } })).toBe(0);
    const events = await db.auditEvent.findMany({ where: { planId: plan.id, action: "project.import" } });
    expect(events).toHaveLength(7);
    expect(byName.get("乙县养老院")!.sectionId).toBe(eldercare.id);
    expect(events.find((e) => e.entityId === String(byName.get("甲县新院区")!.id))!.changes).toEqual(
      expect.arrayContaining([
        { field: "totalInvestment", old: null, new: "15000" },
        { field: "unit", old: null, new: "甲县" },
      ]),
    );
    expect(await db.auditEvent.count({ where: { planId: plan.id, action: "import.commit", entityId: String(batchId) } })).toBe(1);

    // committing the same batch again returns the first result and writes nothing
    const auditAfter = await db.auditEvent.count();
    expect(await commitImport(admin, { batchId })).toMatchObject({ created: 7, already: true });
    expect(await db.auditEvent.count()).toBe(auditAfter);

    // the same file again: everything unchanged, nothing written
    const snap = await snapshot(plan.id);
    const again = await previewImport(admin, { planId: plan.id, fileName: "附表.xlsx", bytes: file });
    expect(again.counts).toEqual({ new: 0, changed: 0, unchanged: 5, rejected: 5 });
    expect((await getImport(admin, { id: again.batchId })).summary.newSections).toEqual([]);
    expect((await getImport(admin, { id: again.batchId })).summary.alreadyImported).toMatchObject({ id: batchId });
    expect(await commitImport(admin, { batchId: again.batchId })).toMatchObject({ created: 0, updated: 0 });
    expect((await snapshot(plan.id)).projects).toBe(snap.projects);
    expect(await db.auditEvent.count({ where: { planId: plan.id, action: "project.import" } })).toBe(7);
    expect(await db.section.count({ where: { planId: plan.id, title: "养老" } })).toBe(1);
  });

  it("reads CSV (UTF-8 with BOM, or GB18030 as Excel saves it) with headers in any order", async () => {
    const { plan } = await freshPlan();
    const csv = '\uFEFF项目名称,总投资（万元）,单位,建设周期,项目类别\r\n"乙县医院,新院",1200.5,乙县,2023-2025,医院\r\n';
    const { batchId, counts } = await previewImport(admin, { planId: plan.id, fileName: "list.csv", bytes: Buffer.from(csv) });
    expect(counts.new).toBe(1);
    await commitImport(admin, { batchId });
    const p = await db.project.findFirstOrThrow({ where: { planId: plan.id, name: "乙县医院,新院" } });
    expect(p.totalInvestment!.toString()).toBe("1200.5");
    // GB18030 bytes of "单位,项目类别,项目名称,建设周期,总投资（亿元）\r\n甲县,医院,甲县医院,2021-2025,1\r\n"
    const gb = Buffer.from(
      "b5a5cebb2ccfeec4bfc0e0b1f02ccfeec4bfc3fbb3c62cbda8c9e8d6dcc6da2cd7dccdb6d7caa3a8d2dad4aaa3a90d0abcd7cfd82cd2bdd4ba2cbcd7cfd8d2bdd4ba2c323032312d323032352c310d0a",
      "hex",
    );
    const r = await previewImport(admin, { planId: plan.id, fileName: "gb.csv", bytes: gb });
    expect(r.counts.new).toBe(1);
    expect((await allRows(r.batchId))[0]).toMatchObject({ name: "甲县医院", unit: "甲县", state: "new" });
  });
});

describe("import: the 岳阳 appendix as printed", () => {
  it("the plan's own appendix table, re-imported into the seeded plan, is unchanged row for row", async () => {
    const seed = JSON.parse(fs.readFileSync("prisma/seed-data/plans/002_43e534452d03a9c6.json", "utf8")) as {
      sections: { key: string; title: string }[];
      projects: {
        key: string;
        unit: string | null;
        section: string;
        name: string;
        parent: string | null;
        startYear: number | null;
        endYear: number | null;
        investmentYi: string | null;
      }[];
    };
    const title = new Map(seed.sections.map((x) => [x.key, x.title]));
    const rows: (string | number | null)[][] = [["单位", "项目类别", "项目名称", "建设周期", "总投资（亿元）"]];
    let unit: string | null = null;
    let cat: string | null = null;
    for (const p of seed.projects.filter((x) => x.key.startsWith("yy-r") && !x.parent)) {
      const c = title.get(p.section)!;
      rows.push([
        p.unit === unit ? null : p.unit,
        p.unit === unit && c === cat ? null : c,
        p.name,
        p.startYear ? `${p.startYear}-${p.endYear}` : null,
        p.investmentYi === null ? null : Number(p.investmentYi),
      ]);
      unit = p.unit;
      cat = c;
    }
    const plan = await db.plan.findUniqueOrThrow({ where: { key: "yueyang" } });
    const { batchId, counts } = await previewImport(admin, { planId: plan.id, fileName: "附录.xlsx", bytes: await xlsx(rows) });
    expect(counts).toEqual({ new: 0, changed: 0, unchanged: rows.length - 1, rejected: 0 });
    expect((await getImport(admin, { id: batchId })).summary.layout).toBe("appendix");
  });
});

describe("import: round trip of the app's own 调度表 export", () => {
  it("export → import says everything unchanged; three edited cells → exactly those three changes", async () => {
    const { plan, sections, units } = await freshPlan();
    const p1 = await makeProject(db, { planId: plan.id, sectionId: sections[0].id, unitId: units[0].id, name: "甲县人民医院", totalWan: "12000" });
    const p2 = await makeProject(db, { planId: plan.id, sectionId: sections[0].id, unitId: units[0].id, name: "+甲县传染病区", totalWan: null });
    const p3 = await makeProject(db, {
      planId: plan.id,
      sectionId: sections[0].id,
      unitId: units[0].id,
      name: "甲县中医院、甲县妇幼保健院",
      totalWan: "8000.1234",
    });
    const c1 = await makeProject(db, { planId: plan.id, sectionId: sections[0].id, unitId: units[0].id, name: "甲县中医院", totalWan: null, parentId: p3.id });
    const p4 = await makeProject(db, { planId: plan.id, sectionId: sections[1].id, unitId: units[1].id, name: "乙县疾控中心", totalWan: "3000.5" });
    await makeProject(db, { planId: plan.id, sectionId: sections[1].id, unitId: null, name: "全市急救网络", totalWan: null });
    await makeAnnualPlan(db, { projectId: p1.id, year: 2025, amountWan: "4000" });
    await makeApprovedReport(db, { projectId: p1.id, period: "2025-02", completedWan: "300", progressText: "主体施工" });
    const finance = await sessionFor("FINANCE_REVIEWER");

    for (const money of ["wan", "yi"] as const) {
      const job = await prepareScheduleExport(finance, { plan: plan.id, period: "2025-02", money });
      const buf = await collect(job.write);
      const first = await previewImport(admin, { planId: plan.id, fileName: `调度表-${money}.xlsx`, bytes: buf });
      expect(first.counts).toEqual({ new: 0, changed: 0, unchanged: 6, rejected: 0 });
      const view = await getImport(admin, { id: first.batchId });
      expect(view.summary.layout).toBe("own");
      expect(view.summary.skippedSheets).toEqual(["汇总"]);
      expect(view.summary.ignoredHeaders).toEqual(expect.arrayContaining(["年度计划投资", "本期完成", "形象进度", "状态"]));
      expect(view.summary.unknownHeaders).toEqual([]);
    }

    // re-saved by another spreadsheet application (LibreOffice: shared strings, its own zip order): still unchanged
    const plain = await collect((await prepareScheduleExport(finance, { plan: plan.id, period: "2025-02", money: "wan" })).write);
    const resaved = fs.readFileSync(convertWithLibreOffice(plain, "xlsx", "xlsx:Calc MS Excel 2007 XML"));
    expect((await previewImport(admin, { planId: plan.id, fileName: "另存.xlsx", bytes: resaved })).counts).toEqual({
      new: 0,
      changed: 0,
      unchanged: 6,
      rejected: 0,
    });

    // without its 项目编号 column the same sheets read as the appendix layout, matched by unit and name
    const noKeys = await readWorkbook(plain);
    for (const ws of noKeys.worksheets) ws.spliceColumns(15, 1);
    const stripped = await previewImport(admin, { planId: plan.id, fileName: "无编号.xlsx", bytes: Buffer.from(await noKeys.xlsx.writeBuffer()) });
    expect(stripped.counts).toEqual({ new: 0, changed: 0, unchanged: 6, rejected: 0 });

    // edit three cells in Excel: a name, an amount, a period
    const job = await prepareScheduleExport(finance, { plan: plan.id, period: "2025-02", money: "yi" });
    const wb = await readWorkbook(await collect(job.write));
    const find = (sheet: string, name: string) => {
      const ws = wb.getWorksheet(sheet)!;
      for (let i = 1; i <= ws.rowCount; i++) if (ws.getRow(i).getCell(2).value === name) return ws.getRow(i);
      throw new Error(`${name} not in ${sheet}`);
    };
    find("甲县", "甲县人民医院").getCell(2).value = "甲县人民医院（新院区）";
    find("乙县", "乙县疾控中心").getCell(5).value = 0.35;
    find("甲县", "甲县中医院").getCell(4).value = "2022-2026";
    const edited = Buffer.from(await wb.xlsx.writeBuffer());
    const { batchId, counts } = await previewImport(admin, { planId: plan.id, fileName: "调度表-改.xlsx", bytes: edited });
    expect(counts).toEqual({ new: 0, changed: 3, unchanged: 3, rejected: 0 });
    const changed = (await getImport(admin, { id: batchId, state: "changed" })).rows;
    expect(changed.map((r) => ({ id: r.projectId, changes: r.changes }))).toEqual([
      { id: p1.id, changes: [{ field: "name", old: "甲县人民医院", new: "甲县人民医院（新院区）" }] },
      {
        id: c1.id,
        changes: [
          { field: "startYear", old: "2021", new: "2022" },
          { field: "endYear", old: "2025", new: "2026" },
        ],
      },
      { id: p4.id, changes: [{ field: "totalInvestment", old: "3000.5", new: "3500" }] },
    ]);
    await commitImport(admin, { batchId });
    expect(await db.project.findUniqueOrThrow({ where: { id: p1.id } })).toMatchObject({ name: "甲县人民医院（新院区）", version: 2 });
    expect((await db.project.findUniqueOrThrow({ where: { id: p4.id } })).totalInvestment!.toString()).toBe("3500");
    expect(await db.project.findUniqueOrThrow({ where: { id: p2.id } })).toMatchObject({ name: "+甲县传染病区", version: 1 });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { entityType: "Project", entityId: String(p4.id), action: "project.import" } });
    expect(audit).toMatchObject({ entityVersion: 2, changes: [{ field: "totalInvestment", old: "3000.5", new: "3500" }] });
  });

  it("writes nothing when a previewed project changed in the meantime (atomic: the new rows are not written either)", async () => {
    const { plan, sections, units } = await freshPlan();
    const p = await makeProject(db, { planId: plan.id, sectionId: sections[0].id, unitId: units[0].id, name: "甲县医院", totalWan: "100" });
    const file = await xlsx([APPENDIX_HEADER.slice(0, 5), ["甲县", "医院", "甲县医院", "2021-2025", 2], [null, null, "甲县新项目", "2021-2025", 1]]);
    const { batchId, counts } = await previewImport(admin, { planId: plan.id, fileName: "a.xlsx", bytes: file });
    expect(counts).toMatchObject({ new: 1, changed: 1 });
    await updateProject(await sessionFor("ADMIN"), {
      id: p.id,
      version: 1,
      name: "甲县医院",
      owner: "",
      startYear: 2021,
      endYear: 2025,
      totalInvestment: "150",
      moneyUnit: "wan",
      unitId: units[0].id,
      sectionId: sections[0].id,
      status: "PREPARATION",
      reason: "按批复调整",
    });
    const before = await snapshot(plan.id);
    const err = await expectAppError(commitImport(admin, { batchId }), "CONFLICT");
    expect(err.message).toContain("未写入任何数据");
    const after = await snapshot(plan.id);
    expect(after.projects).toBe(before.projects);
    expect(after.audit).toBe(before.audit);
    expect((await db.importBatch.findUniqueOrThrow({ where: { id: batchId } })).status).toBe("PREVIEWED");
  });

  it("is for administrators only", async () => {
    const { plan } = await freshPlan();
    const file = await xlsx([APPENDIX_HEADER.slice(0, 5), ["甲县", "医院", "x", "2021-2025", 1]]);
    await expectAppError(previewImport(await sessionFor("FINANCE_REVIEWER"), { planId: plan.id, fileName: "a.xlsx", bytes: file }), "FORBIDDEN");
    const { batchId } = await previewImport(admin, { planId: plan.id, fileName: "a.xlsx", bytes: file });
    await expectAppError(commitImport(await sessionFor("COUNTY_OFFICER"), { batchId }), "FORBIDDEN");
  });
});

describe("import: bad files get a clear Chinese error and change nothing", () => {
  const cases: [string, () => Promise<{ name: string; bytes: Buffer }>, RegExp][] = [
    ["not a spreadsheet (a PNG)", async () => ({ name: "photo.xlsx", bytes: Buffer.from("89504e470d0a1a0a0000000d49484452", "hex") }), /不是电子表格文件/],
    ["not a spreadsheet (a zip without a workbook)", async () => ({ name: "a.xlsx", bytes: zipWithout() }), /不是电子表格文件/],
    ["corrupted zip (truncated)", async () => ({ name: "a.xlsx", bytes: (await xlsx([["项目名称"], ["x"]])).subarray(0, 400) }), /文件已损坏/],
    [
      "corrupted zip (damaged data)",
      async () => ({
        name: "a.xlsx",
        bytes: damage(
          await xlsx([
            ["项目名称", "单位"],
            ["x", "甲县"],
          ]),
        ),
      }),
      /文件已损坏/,
    ],
    ["password protected", async () => ({ name: "secret.xlsx", bytes: encryptedOle() }), /密码保护/],
    ["old .xls", async () => ({ name: "old.xls", bytes: Buffer.concat([Buffer.from("d0cf11e0a1b11ae1", "hex"), Buffer.alloc(600)]) }), /\.xls/],
    ["empty file", async () => ({ name: "a.csv", bytes: Buffer.alloc(0) }), /文件是空的/],
    ["empty workbook", async () => ({ name: "a.xlsx", bytes: await xlsx([]) }), /文件是空的/],
    [
      "wrong headers",
      async () => ({
        name: "a.xlsx",
        bytes: await xlsx([
          ["名称", "金额"],
          ["x", 1],
        ]),
      }),
      /表头不符.*项目名称/,
    ],
    ["amount without a money unit", async () => ({ name: "a.csv", bytes: Buffer.from("单位,项目类别,项目名称,总投资\n甲县,医院,x,1\n") }), /金额单位/],
    ["over the row limit", async () => ({ name: "big.csv", bytes: Buffer.from(`项目名称\n${"x\n".repeat(IMPORT_MAX_ROWS)}`) }), /一次最多导入 20,000 行/],
    ["over the size limit", async () => ({ name: "big.csv", bytes: Buffer.alloc(IMPORT_MAX_BYTES + 1, 0x41) }), /不能超过 5 MB/],
  ];
  it.each(cases)("%s", async (_label, make, message) => {
    const { plan } = await freshPlan();
    const { name, bytes } = await make();
    const before = await snapshot(plan.id);
    const err = await expectAppError(previewImport(admin, { planId: plan.id, fileName: name, bytes }), "BAD_FILE");
    expect(err.message).toMatch(message);
    expect(await snapshot(plan.id)).toEqual(before);
  });
});

// A minimal zip (one stored file "hello.txt"), i.e. a valid archive that is no workbook.
function zipWithout(): Buffer {
  const name = Buffer.from("hello.txt");
  const data = Buffer.from("hi");
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(name.length, 28);
  central.writeUInt32LE(0, 42);
  const cdOffset = local.length + name.length + data.length;
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(1, 8);
  eocd.writeUInt16LE(1, 10);
  eocd.writeUInt32LE(central.length + name.length, 12);
  eocd.writeUInt32LE(cdOffset, 16);
  return Buffer.concat([local, name, data, central, name, eocd]);
}

// Scrambles the compressed bytes of every entry, keeping the zip directory intact.
function damage(buf: Buffer): Buffer {
  const out = Buffer.from(buf);
  for (let i = 0; i + 30 < out.length; i++) {
    if (out.readUInt32LE(i) !== 0x04034b50) continue;
    const start = i + 30 + out.readUInt16LE(i + 26) + out.readUInt16LE(i + 28);
    const size = out.readUInt32LE(i + 18);
    for (let j = start; j < start + size && j < out.length; j++) out[j] = (out[j] * 31 + 7) & 0xff;
  }
  return out;
}

// What Excel writes for a password-protected workbook: an OLE compound file holding "EncryptedPackage".
function encryptedOle(): Buffer {
  return Buffer.concat([
    Buffer.from("d0cf11e0a1b11ae1", "hex"),
    Buffer.alloc(504),
    Buffer.from("EncryptionInfo", "utf16le"),
    Buffer.alloc(50),
    Buffer.from("EncryptedPackage", "utf16le"),
    Buffer.alloc(200),
  ]);
}

describe("concurrent imports", () => {
  it("20 concurrent imports of the same file: one applies, the others change nothing", async () => {
    const { plan } = await freshPlan();
    const file = await xlsx([
      APPENDIX_HEADER,
      ["甲县", "医院（1个）", "甲县并发测试医院", "2021-2025", 1.2, ""],
      ["乙县", "医院（1个）", "乙县并发测试医院", "2022-2024", 0.7, ""],
    ]);
    const batches = [];
    for (let i = 0; i < 20; i++) batches.push((await previewImport(admin, { planId: plan.id, fileName: `并发${i}.xlsx`, bytes: file })).batchId);
    const results = await Promise.allSettled(batches.map((batchId) => commitImport(admin, { batchId })));
    const applied = results.filter((r) => r.status === "fulfilled" && (r.value as { created: number }).created > 0);
    expect(applied).toHaveLength(1);
    for (const r of results) {
      if (r.status === "rejected") expect((r.reason as { code: string }).code).toBe("CONFLICT");
      else if (r !== applied[0]) expect(r.value).toMatchObject({ created: 0, updated: 0 });
    }
    expect(await db.project.count({ where: { planId: plan.id } })).toBe(2);
    expect(await db.auditEvent.count({ where: { planId: plan.id, action: "project.import" } })).toBe(2);
  });
});
