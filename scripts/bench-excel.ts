// `npm run bench:excel`: the Excel benchmark of issue 6, against its own database (ledger_bench,
// recreated): a plan of 10,000 projects with annual plans and approved reports, then
//   1. the whole-plan 调度表 export (summary + one sheet per unit), in a fresh process, timed, with
//      that process's peak RSS — limits 3 s and 300 MB;
//   2. validate + commit of a 10,000-row import (appendix layout, all new), timed — limit 10 s.
// Prints the figures and exits non-zero when a limit is exceeded. Run with `tsx --conditions=react-server`.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";

const PROJECTS = 10_000;
const UNITS = 10;
const LIMITS = { exportMs: 3000, exportRssMb: 300, importMs: 10_000 };
const SELF = path.resolve(__dirname, "bench-excel.ts");

async function main() {
  const mode = process.argv[2];
  if (mode === "--export") return exportChild(Number(process.argv[3]));
  if (mode === "--import") return importChild(Number(process.argv[3]), process.argv[4]);

  const { ensureDatabase, recreateDatabase } = await import("./lib/database");
  const { prisma } = await import("./lib/run");
  const database = await ensureDatabase({ purpose: "bench" });
  try {
    await recreateDatabase(database.url);
    await prisma(["migrate", "deploy"], database.url);
    process.env.DATABASE_URL = database.url;
    process.env.NEXTAUTH_SECRET ??= "bench-secret-that-is-long-enough";
    const { exportPlan, importPlan, file } = await seed();
    const child = (args: string[]) => {
      const r = spawnSync(process.execPath, [...process.execArgv, SELF, ...args], { env: process.env, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
      if (r.status !== 0) throw new Error(`bench child ${args[0]} failed`);
      return JSON.parse(r.stdout.trim().split("\n").pop()!);
    };
    const exp = child(["--export", String(exportPlan)]);
    const imp = child(["--import", String(importPlan), file]);
    const row = (what: string, value: string, limit: string, ok: boolean) =>
      console.log(`${what.padEnd(44)} ${value.padStart(10)}   limit ${limit.padEnd(8)} ${ok ? "ok" : "OVER"}`);
    console.log(`\nExcel benchmark (${PROJECTS.toLocaleString("en-US")} projects, ${os.cpus().length} CPU, node ${process.version})`);
    row(`export 调度表, whole plan (${exp.sheets} sheets, ${(exp.bytes / 1024).toFixed(0)} KB)`, `${exp.ms} ms`, "3 s", exp.ms <= LIMITS.exportMs);
    row("export peak RSS (the exporting process)", `${exp.rssMb} MB`, "300 MB", exp.rssMb <= LIMITS.exportRssMb);
    row(`import ${imp.rows} rows: read + validate (preview)`, `${imp.previewMs} ms`, "", true);
    row(`import ${imp.rows} rows: commit (${imp.created} projects)`, `${imp.commitMs} ms`, "", true);
    row("import validate + commit", `${imp.previewMs + imp.commitMs} ms`, "10 s", imp.previewMs + imp.commitMs <= LIMITS.importMs);
    if (exp.ms > LIMITS.exportMs || exp.rssMb > LIMITS.exportRssMb || imp.previewMs + imp.commitMs > LIMITS.importMs) process.exitCode = 1;
  } finally {
    await database.stop();
  }
}

// Two plans: one with 10,000 projects, reports and annual plans (exported), one with the same units
// and categories but no projects (the 10,000-row file is imported into it).
async function seed() {
  const { db } = await import("../lib/db");
  const { makeUser } = await import("../lib/server/seed/factories");
  const t = Date.now();
  const region = await db.region.create({ data: { name: "基准市", level: "CITY" } });
  const plans: number[] = [];
  for (const key of ["bench-export", "bench-import"]) {
    const plan = await db.plan.create({
      data: { key, title: `基准规划（${key}）`, level: "CITY", regionId: region.id, periodStart: 2021, periodEnd: 2025, sourceFile: "bench" },
    });
    plans.push(plan.id);
    for (let u = 0; u < UNITS; u++) await db.reportingUnit.create({ data: { planId: plan.id, name: `第${u + 1}县`, sortOrder: u } });
    for (const [i, title] of ["医院", "公卫机构", "基层医疗", "其它"].entries())
      await db.section.create({ data: { planId: plan.id, key: `cat-${title}`, kind: "CATEGORY", title, locator: "bench", sortOrder: i } });
  }
  await makeUser(db, { username: "bench-admin", role: "ADMIN" });
  const [units, sections] = await Promise.all([
    db.reportingUnit.findMany({ where: { planId: plans[0] }, orderBy: { sortOrder: "asc" } }),
    db.section.findMany({ where: { planId: plans[0] }, orderBy: { sortOrder: "asc" } }),
  ]);
  const name = (i: number) =>
    `第${(i % UNITS) + 1}县${["人民医院", "疾控中心", "乡镇卫生院", "养老中心"][i % 4]}建设项目（${i + 1}期）：门诊楼、住院楼及配套设施`;
  for (let i = 0; i < PROJECTS; i += 2000) {
    await db.project.createMany({
      data: Array.from({ length: Math.min(2000, PROJECTS - i) }, (_, j) => {
        const n = i + j;
        return {
          planId: plans[0],
          unitId: units[n % UNITS].id,
          sectionId: sections[n % 4].id,
          key: `b-${n}`,
          name: name(n),
          owner: `第${(n % UNITS) + 1}县卫生健康局`,
          startYear: 2021 + (n % 3),
          endYear: 2025,
          totalInvestment: String(1000 + (n % 977) * 13.25),
          sourceFile: "bench",
          sourceLocator: "bench",
          sourceText: "bench",
          sortOrder: n,
        };
      }),
    });
  }
  const ids = (await db.project.findMany({ where: { planId: plans[0] }, select: { id: true } })).map((p) => p.id);
  for (let i = 0; i < ids.length; i += 2000) {
    const chunk = ids.slice(i, i + 2000);
    await db.annualPlanAmount.createMany({ data: chunk.map((projectId, j) => ({ projectId, year: 2025, amount: String(200 + ((i + j) % 100)) })) });
    await db.progressReport.createMany({
      data: chunk.flatMap((projectId, j) =>
        ["2025-01", "2025-02", "2025-03"].map((period) => ({
          projectId,
          period,
          year: 2025,
          status: "APPROVED" as const,
          isCurrent: true,
          isOfficial: true,
          completedAmount: String(10 + ((i + j) % 50)),
          progressPercent: "35",
          progressText: "主体结构施工",
          problems: period === "2025-03" ? "征地拆迁进度滞后，资金到位不足" : null,
          nextSteps: period === "2025-03" ? "加快主体施工，协调专项债资金" : null,
        })),
      ),
    });
  }
  // the import file: 10,000 rows in the appendix layout (unit and category merged down)
  const ExcelJS = (await import("exceljs")).default;
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("附表");
  ws.addRow(["单位", "项目类别", "项目名称", "建设周期", "总投资（亿元）"]);
  for (let n = 0; n < PROJECTS; n++) {
    const u = Math.floor(n / (PROJECTS / UNITS));
    const c = Math.floor((n % (PROJECTS / UNITS)) / (PROJECTS / UNITS / 4));
    const first = n % (PROJECTS / UNITS) === 0;
    const firstCat = n % (PROJECTS / UNITS / 4) === 0;
    ws.addRow([
      first ? `第${u + 1}县` : null,
      firstCat ? ["医院", "公卫机构", "基层医疗", "其它"][c] : null,
      `导入项目${n + 1}号（第${u + 1}县）`,
      "2021-2025",
      Number((0.1 + (n % 300) / 100).toFixed(2)),
    ]);
  }
  // Statistics as autovacuum would have them on a running server (freshly bulk-loaded tables have none).
  await db.$executeRawUnsafe("ANALYZE");
  const file = path.join(os.tmpdir(), `bench-import-${process.pid}.xlsx`);
  await wb.xlsx.writeFile(file);
  console.log(`[bench] seeded ${PROJECTS} projects, ${PROJECTS * 3} reports and a ${PROJECTS}-row import file in ${Date.now() - t} ms`);
  await db.$disconnect();
  return { exportPlan: plans[0], importPlan: plans[1], file };
}

async function admin() {
  const { db } = await import("../lib/db");
  const { loadActiveUser } = await import("../lib/server/auth/current-user");
  const u = await db.user.findUniqueOrThrow({ where: { username: "bench-admin" } });
  return (await loadActiveUser(u.id, u.sessionVersion))!;
}

async function exportChild(planId: number) {
  const { prepareScheduleExport } = await import("../lib/server/exports/export-schedule");
  const actor = await admin();
  let bytes = 0;
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      bytes += chunk.length;
      cb();
    },
  });
  const t = performance.now();
  const job = await prepareScheduleExport(actor, { plan: planId, period: "2025-03", money: "wan" });
  await job.write(sink);
  const ms = Math.round(performance.now() - t);
  const rssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  console.log(JSON.stringify({ ms, rssMb, bytes, sheets: UNITS + 1 }));
  process.exit(0);
}

async function importChild(planId: number, file: string) {
  const { previewImport } = await import("../lib/server/imports/preview-import");
  const { commitImport } = await import("../lib/server/imports/commit-import");
  const actor = await admin();
  const bytes = fs.readFileSync(file);
  const t0 = performance.now();
  const preview = await previewImport(actor, { planId, fileName: path.basename(file), bytes });
  const t1 = performance.now();
  const result = await commitImport(actor, { batchId: preview.batchId });
  const t2 = performance.now();
  fs.rmSync(file, { force: true });
  if (preview.counts.new !== PROJECTS) throw new Error(`expected ${PROJECTS} new rows, got ${JSON.stringify(preview.counts)}`);
  console.log(JSON.stringify({ rows: PROJECTS, previewMs: Math.round(t1 - t0), commitMs: Math.round(t2 - t1), created: result.created }));
  process.exit(0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
