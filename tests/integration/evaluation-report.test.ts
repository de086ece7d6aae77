import fs from "node:fs";
import { strFromU8, unzipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { chinaYear } from "@/lib/dates";
import { db } from "@/lib/db";
import { STATUS_LABELS, STATUS_ORDER } from "@/lib/indicators/assess";
import { formatMoney, type MoneyUnit } from "@/lib/money";
import { formatRate, FOUR_RATES } from "@/lib/rates";
import type { SessionUser } from "@/lib/server/auth/current-user";
import { assertChartFont } from "@/lib/server/exports/chart-image";
import { prepareEvaluationReport } from "@/lib/server/exports/export-evaluation";
import { DOCX_TYPE } from "@/lib/server/exports/file-response";
import { getDashboard } from "@/lib/server/finance/get-dashboard";
import { indicatorFigures } from "@/lib/server/indicators/indicator-figures";
import { reviewIndicatorValues } from "@/lib/server/indicators/review-indicator-values";
import { saveIndicatorValue } from "@/lib/server/indicators/save-indicator-value";
import { reviewReports } from "@/lib/server/reports/review-reports";
import { saveReport } from "@/lib/server/reports/save-report";
import { makePlan } from "@/lib/server/seed/factories";
import { collect, convertWithLibreOffice } from "../support/excel";
import { expectAppError, sessionFor } from "../support/users";

// The 评估报告 (.docx) of the seeded 岳阳 plan, opened by LibreOffice Writer: the four sections, the
// indicator table as indicatorFigures judges it, the unit rollup and 四率 as the finance dashboard shows
// them (official figures only), server-rendered charts, and the approved reports' 存在问题.

const YEAR = 2025; // 终期 of 2021–2025: as of 2025-12
const PERIOD = "2025-12";
const PROBLEM_OLD = "评估测试：旧问题，后面几期已不再填写";
const PROBLEM_A = "评估测试：征地拆迁滞后，影响主体施工";
const PROBLEM_B = "评估测试：配套资金到位不足";
const PROBLEM_UNAPPROVED = "评估测试：尚未审核的问题";
const PROBLEM_RESOLVED = "评估测试：已解决的问题，最近一期未再填写";

let planId: number;
let finance: SessionUser;
type Line = { id: number; unitId: number };
let lines: { a: Line; b: Line; c: Line };
let indicators: { met: number; lagging: number };

async function fileReport(officer: SessionUser, projectId: number, period: string, problems: string, opts: { approve: boolean; annualPlan?: string }) {
  const saved = await saveReport(officer, {
    projectId,
    period,
    moneyUnit: "wan",
    completedAmount: "1234.5",
    annualPlan: opts.annualPlan ?? "",
    fundsLocal: "800",
    problems,
    outOfPeriodReason: "评估报告测试",
    submit: true,
  });
  if (opts.approve) await reviewReports(finance, { items: [{ id: saved.id, version: saved.version }], decision: "APPROVE" });
}

beforeAll(async () => {
  planId = (await db.plan.findUniqueOrThrow({ where: { key: "yueyang" } })).id;
  finance = await sessionFor("FINANCE_REVIEWER");
  const admin = await sessionFor("ADMIN");
  // Two numeric indicators without a 2025 value yet, reported by the plan office and approved by
  // finance: one meets its target, one stays at its baseline (滞后 in the target year).
  const free = await db.indicator.findMany({
    where: { planId, deletedAt: null, targetValue: { not: null }, baselineValue: { not: null }, values: { none: { year: YEAR } } },
    orderBy: { sortOrder: "asc" },
    take: 2,
  });
  expect(free).toHaveLength(2);
  const [met, lagging] = free;
  const good = met.targetComparator === "LTE" || met.targetComparator === "LT" ? met.targetValue!.sub(1) : met.targetValue!.add(1);
  for (const [ind, value] of [
    [met, good.toFixed()],
    [lagging, lagging.baselineValue!.toFixed()],
  ] as const) {
    const saved = await saveIndicatorValue(admin, { indicatorId: ind.id, unitId: null, year: YEAR, value, dataSource: "统计年报" });
    await reviewIndicatorValues(finance, { items: [{ id: saved.id, version: saved.version }], decision: "APPROVE" });
  }
  indicators = { met: met.id, lagging: lagging.id };
  // Reports on four lines of four units that have none yet, filed by each unit's officer and
  // approved by finance — except c's, which stays submitted.
  const candidates = await db.project.findMany({
    where: { planId, kind: "PROJECT", parentId: null, admission: "ADMITTED", deletedAt: null, endPeriod: null, unitId: { not: null }, reports: { none: {} } },
    orderBy: { id: "asc" },
  });
  const [a, b, c, d] = candidates.filter((p, i) => candidates.findIndex((q) => q.unitId === p.unitId) === i).map((p) => ({ id: p.id, unitId: p.unitId! }));
  expect(d).toBeDefined();
  lines = { a, b, c };
  const officer = (p: { unitId: number }) => sessionFor("COUNTY_OFFICER", [p.unitId]);
  const oa = await officer(a);
  await fileReport(oa, a.id, "2025-06", PROBLEM_OLD, { approve: true, annualPlan: "10000" });
  await fileReport(oa, a.id, "2025-09", PROBLEM_A, { approve: true });
  await fileReport(oa, a.id, "2025-11", "", { approve: true });
  await fileReport(oa, a.id, "2025-12", PROBLEM_A, { approve: true });
  await fileReport(await officer(b), b.id, "2025-10", `${PROBLEM_B}\u0001\u000b`, { approve: true }); // control characters the form stores, XML cannot carry
  await fileReport(await officer(c), c.id, "2025-12", PROBLEM_UNAPPROVED, { approve: false });
  const od = await officer(d);
  await fileReport(od, d.id, "2025-08", PROBLEM_RESOLVED, { approve: true });
  await fileReport(od, d.id, "2025-11", "", { approve: true });
}, 60_000);

// LibreOffice's HTML of the document: its text, headings and tables (cells as text).
function readHtml(file: string) {
  const html = fs.readFileSync(file, "utf8");
  const text = (s: string) =>
    s
      .replace(/<[^>]+>/g, "")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, "&")
      .replace(/\s+/g, " ")
      .trim();
  return {
    text: text(html.replace(/<head>[\s\S]*?<\/head>/, "")),
    headings: [...html.matchAll(/<h1[^>]*>([\s\S]*?)<\/h1>/g)].map((m) => text(m[1])),
    images: [...html.matchAll(/<img /g)].length,
    tables: [...html.matchAll(/<table[\s\S]*?<\/table>/g)].map((t) =>
      [...t[0].matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((r) => [...r[1].matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map((c) => text(c[1]))),
    ),
  };
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

describe("评估报告 (.docx)", () => {
  it("终期: four sections, indicators as judged, the unit rollup and 四率 as on the dashboard, charts, approved problems — read back by LibreOffice Writer", async () => {
    const started = Date.now();
    const job = await prepareEvaluationReport(finance, { plan: planId, stage: "final" });
    const buf = await collect(job.write);
    const built = Date.now() - started;
    expect(job.type).toBe(DOCX_TYPE);
    expect(job.fileName).toBe("健康岳阳“十四五”发展规划-终期评估报告.docx");
    console.log(`[evaluation] 岳阳 终期 built in ${built} ms, ${buf.length} bytes`);

    // What the screens show for the same year and period.
    const figures = await indicatorFigures(planId, { year: YEAR, submitted: false });
    const dash = await getDashboard(finance, { plan: planId, period: PERIOD });
    const unit: MoneyUnit = "yi"; // 岳阳's screens show 亿元 first
    const doc = readHtml(convertWithLibreOffice(buf, "docx", "html"));

    expect(doc.headings).toEqual(["一、总体进展", "二、主要指标完成情况", "三、重大项目进展", "四、存在的主要问题"]);
    expect(doc.text).toContain("《健康岳阳“十四五”发展规划》实施情况终期评估报告（2025年）");
    expect(doc.text).toContain("数据截至 2025-12-31（2025年12月）");
    expect(doc.tables).toHaveLength(4);
    const [counts, indicatorTable, unitTable, rateTable] = doc.tables;

    // 表1: counts by status, 约束性 first, adding up to the indicators.
    const statuses = STATUS_ORDER.filter((s) => figures.some((f) => f.assessment.status === s));
    const count = (attribute: string | null) =>
      statuses.map((s) => String(figures.filter((f) => (attribute === null || f.indicator.attribute === attribute) && f.assessment.status === s).length));
    expect(counts[0]).toEqual(["属性", ...statuses.map((s) => STATUS_LABELS[s]), "合计"]);
    expect(counts.slice(1).map((r) => r[0])).toEqual(["约束性", "预期性", "合计"]);
    expect(counts[1].slice(1, -1)).toEqual(count("BINDING"));
    expect(counts[3]).toEqual(["合计", ...count(null), String(figures.length)]);
    expect(statuses).toEqual(expect.arrayContaining(["MET", "LAGGING"]));

    // 表2: every indicator, in order, with its target and status as indicatorFigures says.
    expect(indicatorTable.slice(1).map((r) => [r[2], r[4], r[6], r[7]])).toEqual(
      figures.map((f) => [f.indicator.name, f.indicator.baselineText ?? "—", f.indicator.targetText ?? "—", f.assessment.label]),
    );
    const row = (id: number) => indicatorTable[1 + figures.findIndex((f) => f.indicator.id === id)];
    const met = figures.find((f) => f.indicator.id === indicators.met)!;
    expect(row(indicators.met).slice(5)).toEqual([`${met.latest!.value}（2025）`, met.indicator.targetText, "已达标"]);
    expect(row(indicators.lagging)[7]).toBe("滞后");

    // 表3: the dashboard's unit rows and total, formatted as the screens format them.
    const money = (wan: string | null, unknown = "—") => (wan === null ? unknown : formatMoney(wan, unit));
    expect(unitTable[0]).toEqual(["序号", "单位", "项目数", "总投资（亿元）", "累计完成投资（亿元）", "累计完成率"]);
    expect(unitTable.slice(1).map((r) => r.slice(1))).toEqual(
      [...dash.units, dash.total].map((g) => [
        g.name,
        String(g.projectCount),
        money(g.totalWan, "未知"),
        money(g.completedToDateWan),
        formatRate(g.rates.cumulativeRate),
      ]),
    );
    expect(unitTable.at(-1)!.slice(1, 4)).toEqual(["合计", String(dash.total.projectCount), "227.736"]); // the appendix's total
    const unitRow = (unitId: number) => unitTable[1 + dash.units.findIndex((g) => g.key.unitId === unitId)];
    // a: four approved reports of 1234.5 万元 = 0.4938 亿元 at least (other tests may have filed more in its unit)
    expect(unitRow(lines.a.unitId)[4]).toBe(money(dash.units.find((g) => g.key.unitId === lines.a.unitId)!.completedToDateWan));
    expect(Number(unitRow(lines.a.unitId)[4])).toBeGreaterThanOrEqual(0.4938);
    // c's report is only submitted: the report shows the official figure, not the 含待审核 one.
    const withSubmitted = await getDashboard(finance, { plan: planId, period: PERIOD, submitted: true });
    const cOfficial = dash.units.find((g) => g.key.unitId === lines.c.unitId)!;
    const cSubmitted = withSubmitted.units.find((g) => g.key.unitId === lines.c.unitId)!;
    expect(cSubmitted.completedToDateWan).not.toBe(cOfficial.completedToDateWan);
    expect(unitRow(lines.c.unitId)[4]).toBe(money(cOfficial.completedToDateWan));

    // 表4: the 四率 of every unit and the total.
    expect(rateTable.slice(1)).toEqual([...dash.units, dash.total].map((g) => [g.name, ...FOUR_RATES.map((k) => formatRate(g.rates[k]))]));
    expect(rateTable[1 + dash.units.findIndex((g) => g.key.unitId === lines.a.unitId)][2]).not.toBe("—"); // a's 年度计划投资 makes 投资完成率 defined

    // The charts: PNGs in the package, placed in the text.
    const files = unzipSync(new Uint8Array(buf));
    const pngs = Object.keys(files).filter((n) => /^word\/media\/[^/]+\.png$/.test(n));
    expect(pngs.length).toBe(2);
    for (const n of pngs) {
      expect([...files[n].subarray(0, 8)]).toEqual(PNG_SIGNATURE);
      expect(strFromU8(files[n].subarray(12, 16))).toBe("IHDR");
      expect(new DataView(files[n].buffer, files[n].byteOffset).getUint32(16)).toBe(2000); // rendered at twice its 1000 px
    }
    expect(doc.images).toBe(2);

    // 四: the latest approved 存在问题 of each project, under its unit; never an unapproved one, nor one
    // the project's latest approved report no longer states.
    const section4 = doc.text.slice(doc.text.indexOf("四、存在的主要问题"));
    const unitName = async (id: number) => (await db.reportingUnit.findUniqueOrThrow({ where: { id } })).name;
    const [nameA, nameB] = [await unitName(lines.a.unitId), await unitName(lines.b.unitId)];
    expect(section4).toContain(PROBLEM_A);
    expect(section4).toContain(PROBLEM_B);
    expect(section4.indexOf(nameA)).toBeLessThan(section4.indexOf(PROBLEM_A));
    expect(section4.indexOf(nameB)).toBeLessThan(section4.indexOf(PROBLEM_B));
    expect(section4).toContain("（2025年12月）：");
    expect(section4).not.toContain(PROBLEM_OLD);
    expect(section4).not.toContain(PROBLEM_UNAPPROVED);
    expect(section4).not.toContain(PROBLEM_RESOLVED);
  }, 60_000);

  it("中期 and 年度: as of the year asked (2023 of 2021–2025), later values not counted", async () => {
    const mid = await prepareEvaluationReport(finance, { plan: planId, stage: "mid" });
    expect(mid.fileName).toBe("健康岳阳“十四五”发展规划-中期评估报告.docx");
    const xml = strFromU8(unzipSync(new Uint8Array(await collect(mid.write)))["word/document.xml"]).replace(/<[^>]+>/g, "");
    expect(xml).toContain("实施情况中期评估报告（2023年）");
    expect(xml).toContain("数据截至 2023-12-31（2023年12月）");
    expect(xml).not.toContain("（2025）"); // the 2025 values are after the year
    expect(xml).not.toContain(PROBLEM_A); // 2025's problems are not 2023's

    const year = await prepareEvaluationReport(finance, { plan: planId, stage: "year", year: "2025" });
    expect(year.fileName).toBe("健康岳阳“十四五”发展规划-2025年度评估报告.docx");
    const xml2025 = strFromU8(unzipSync(new Uint8Array(await collect(year.write)))["word/document.xml"]).replace(/<[^>]+>/g, "");
    expect(xml2025).toContain("《健康岳阳“十四五”发展规划》2025年度实施情况评估报告");
    expect(xml2025).toContain(PROBLEM_A);
  });

  it("refuses a missing or impossible year, a year not begun, an unknown plan and a role without export.run, with Chinese messages", async () => {
    const noYear = await expectAppError(prepareEvaluationReport(finance, { plan: planId, stage: "year" }), "VALIDATION");
    expect(noYear.fieldErrors?.year).toEqual(["年度评估请选择年份"]);
    const badStage = await expectAppError(prepareEvaluationReport(finance, { plan: planId, stage: "half" }), "VALIDATION");
    expect(badStage.fieldErrors?.stage?.[0]).toContain("请选择评估类型");
    const outside = await expectAppError(prepareEvaluationReport(finance, { plan: planId, stage: "year", year: 2019 }), "VALIDATION");
    expect(outside.message).toBe("评估年份应在规划期内（2021–2025年）。");
    const now = chinaYear();
    const { plan } = await makePlan(db, { unitNames: ["甲县"] });
    await db.plan.update({ where: { id: plan.id }, data: { periodStart: now, periodEnd: now + 4 } });
    const notBegun = await expectAppError(prepareEvaluationReport(finance, { plan: plan.id, stage: "mid" }), "VALIDATION");
    expect(notBegun.message).toBe(`中期评估以${now + 2}年为准，该年尚未开始，暂不能生成。`);
    // This year's report of the new plan can be made (current period, no figures yet).
    const current = await prepareEvaluationReport(finance, { plan: plan.id, stage: "year", year: now });
    expect((await collect(current.write)).subarray(0, 2).toString()).toBe("PK");
    await expectAppError(prepareEvaluationReport(finance, { plan: 99999999, stage: "final" }), "NOT_FOUND");
    await expectAppError(prepareEvaluationReport(await sessionFor("VIEWER"), { plan: planId, stage: "final" }), "FORBIDDEN");
  });

  it("without the CJK font the chart renderer refuses with a message naming the Debian package", () => {
    expect(() => assertChartFont()).not.toThrow();
    let error: unknown;
    try {
      assertChartFont("/nonexistent/NotoSansCJK-Regular.ttc");
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: "UNAVAILABLE", message: expect.stringContaining("fonts-noto-cjk") });
  });
});
