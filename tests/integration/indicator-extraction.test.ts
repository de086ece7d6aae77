// 主要指标 (#14): the plans' indicator tables (000, 001, 002, 004) and 003's quantified 2025 targets,
// extracted from the documents by scripts/seed-data/extract-indicators.mjs and checked by
// check-indicators.mjs. Pure: no database
// (VITEST_NO_DB=1 npx vitest run tests/integration/indicator-extraction.test.ts).
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

type Warning = { code: string; message: string };
type Indicator = {
  key: string;
  category: string | null;
  seq: string | null;
  name: string;
  shortName: string;
  unit: string | null;
  baselineYear: number | null;
  baselineText: string | null;
  targetYear: number | null;
  targetText: string | null;
  attribute: "预期性" | "约束性" | null;
  source: { file: string; line: number; column: number; text: string };
  warnings: Warning[];
};
type IndicatorFile = {
  plan: { key: string; title: string; sourceFile: string };
  origin: { kind: "TABLE" | "TEXT"; title: string; line: number; header: string[] | null };
  indicators: Indicator[];
  warnings: Warning[];
};
type Spec = { stem: string; titleLine?: number; targets?: { name: string; quote: string }[] };
type Extractor = { SPECS: Spec[]; extractIndicators: () => Map<string, IndicatorFile> };

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const DIR = path.join(ROOT, "prisma", "seed-data", "indicators");
const CHECK = path.join(ROOT, "scripts", "seed-data", "check-indicators.mjs");
const STEMS = {
  xiangxi: "000_d8ddebddb8029f45",
  hunan: "001_ff4f0b085b05f27f",
  yueyang: "002_43e534452d03a9c6",
  city003: "003_01cee217d4c11053",
  pingba: "004_7652db6a697673a0",
} as const;

const load = (key: keyof typeof STEMS): IndicatorFile => JSON.parse(readFileSync(path.join(DIR, `${STEMS[key]}.json`), "utf8")) as IndicatorFile;
const row = (key: keyof typeof STEMS, name: string): Indicator => {
  const hits = load(key).indicators.filter((r) => r.name === name);
  expect(hits, `${key}: ${name}`).toHaveLength(1);
  return hits[0];
};
const pick = (r: Indicator) => ({
  category: r.category,
  seq: r.seq,
  name: r.name,
  unit: r.unit,
  baselineText: r.baselineText,
  targetText: r.targetText,
  attribute: r.attribute,
});
const runCheck = (args: string[] = []) => {
  try {
    return { code: 0, out: execFileSync("node", [CHECK, ...args], { cwd: ROOT, encoding: "utf8", stdio: "pipe" }) };
  } catch (e) {
    const x = e as { status: number; stdout: string; stderr: string };
    return { code: x.status, out: `${x.stdout}${x.stderr}` };
  }
};

const temps: string[] = [];
const tamperedCopy = (edit: (files: Map<string, string>) => void) => {
  const dir = mkdtempSync(path.join(tmpdir(), "indicators-"));
  temps.push(dir);
  for (const f of readdirSync(DIR)) copyFileSync(path.join(DIR, f), path.join(dir, f));
  const files = new Map(readdirSync(dir).map((f) => [f, readFileSync(path.join(dir, f), "utf8")]));
  edit(files);
  for (const [f, text] of files) writeFileSync(path.join(dir, f), text);
  return dir;
};
afterAll(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});

describe("indicator-extraction: every row of every plan", () => {
  it("counts per plan: 19 湘西, 27 湖南, 20 岳阳, 8 某市 (text targets), 18 平坝", () => {
    const counts = Object.fromEntries((Object.keys(STEMS) as (keyof typeof STEMS)[]).map((k) => [k, load(k).indicators.length]));
    expect(counts).toEqual({ xiangxi: 19, hunan: 27, yueyang: 20, city003: 8, pingba: 18 });
    expect(readdirSync(DIR).sort()).toEqual(Object.values(STEMS).map((s) => `${s}.json`));
  });

  it("湘西 (000): rows as printed, a category cell wrapped onto two lines, footnoted baselines", () => {
    expect(pick(row("xiangxi", "人均预期寿命（岁）"))).toEqual({
      category: "健康水平",
      seq: "1",
      name: "人均预期寿命（岁）",
      unit: "岁",
      baselineText: "77.05",
      targetText: "78.3",
      attribute: "预期性",
    });
    // "健康资源" + "配置" (line 136–137) carried down to rows 11–19
    const beds = row("xiangxi", "每千常住人口医疗卫生机构床位数（张）");
    expect(pick(beds)).toMatchObject({ category: "健康资源配置", seq: "11", baselineText: "8.83", targetText: "9", unit: "张" });
    expect(beds.source).toEqual({
      file: "000_d8ddebddb8029f45.txt",
      line: 136,
      column: 2,
      text: "健康资源 配置 11 每千常住人口医疗卫生机构床位数（张） 8.83 9 预期性",
    });
    expect(pick(row("xiangxi", "每万人口全科医师数（人）"))).toMatchObject({
      category: "健康资源配置",
      baselineText: "2.36",
      targetText: "3.93",
      attribute: "约束性",
    });
    const ncd = row("xiangxi", "重大慢性病过早死亡率（%）");
    expect(ncd.baselineText).toBe("*17.74");
    expect(ncd.warnings.map((w) => w.code)).toEqual(["SOURCE_FOOTNOTE"]);
    expect(ncd.warnings[0].message).toContain("全省平均");
    expect(row("xiangxi", "婴儿死亡率（‰）").warnings.map((w) => w.code)).toEqual(["TEXT_CONTRADICTS"]);
  });

  it("湖南 (001): one cell per line; the 其中 row has no 序号; texts kept verbatim", () => {
    expect(pick(row("hunan", "人均预期寿命（岁）"))).toEqual({
      category: "健康水平",
      seq: "1",
      name: "人均预期寿命（岁）",
      unit: "岁",
      baselineText: "待国家公布",
      targetText: "78.60左右",
      attribute: "预期性",
    });
    expect(pick(row("hunan", "其中：每千人口拥有中医类别执业（助理）医师数（人）"))).toEqual({
      category: "健康服务",
      seq: null,
      name: "其中：每千人口拥有中医类别执业（助理）医师数（人）",
      unit: "人",
      baselineText: "0.45",
      targetText: "0.62",
      attribute: "预期性",
    });
    const insured = row("hunan", "基本医疗保险参保率（%）");
    expect(pick(insured)).toMatchObject({ category: "健康保障", seq: "20", baselineText: "≥95", targetText: "稳定在95以上", attribute: "约束性" });
    expect(insured.source).toMatchObject({ line: 288, text: "20 基本医疗保险参保率（%） ≥95 稳定在95以上 约束性" });
    expect(row("hunan", "城乡居民政策范围内住院费用医保支付比例（含大病保险）（%）")).toMatchObject({
      shortName: "城乡居民政策范围内住院费用医保支付比例（含大病保险）",
      unit: "%",
    });
    expect(
      load("hunan")
        .indicators.map((r) => r.seq)
        .filter((s) => s !== null),
    ).toEqual(Array.from({ length: 26 }, (_, i) => String(i + 1)));
  });

  it("岳阳 (002): no 序号 column; a row split by a stray blank line; table-vs-text contradictions warned", () => {
    const literacy = row("yueyang", "居民健康素养水平（%）");
    expect(pick(literacy)).toEqual({
      category: "健康生活",
      seq: null,
      name: "居民健康素养水平（%）",
      unit: "%",
      baselineText: "14.8",
      targetText: "25",
      attribute: "预期性",
    });
    expect(literacy.source).toMatchObject({ line: 83, text: "健康生活 居民健康素养水平（%） 14.8 25 预期性" });
    expect(pick(row("yueyang", "个人卫生支出占卫生总费用的比重（%）"))).toMatchObject({
      category: "健康保障",
      baselineText: "等省公布",
      targetText: "27左右",
      attribute: "约束性",
    });
    const nurses = row("yueyang", "每千常住人口注册护士数（人）");
    expect(nurses.targetText).toBe("4");
    expect(nurses.warnings).toHaveLength(1);
    expect(nurses.warnings[0]).toMatchObject({ code: "TEXT_CONTRADICTS" });
    expect(nurses.warnings[0].message).toContain("3.8人");
  });

  it("某市 (003): the 总体目标 section's numbered targets; self-contradictions kept as printed and warned", () => {
    const f = load("city003");
    expect(f.origin).toMatchObject({ kind: "TEXT", line: 2, header: null });
    expect(f.warnings.map((w) => w.code)).toEqual(["NO_TABLE"]);
    const life = row("city003", "人均预期寿命");
    expect(life).toMatchObject({
      unit: "岁",
      baselineText: null,
      targetYear: 2025,
      targetText: "82岁以上",
      attribute: null,
      category: "打造健康省域示范区,居民健康水平走在前列",
    });
    expect(life.source).toMatchObject({ line: 2, text: "人均预期寿命达到82岁以上" });
    const literacy = row("city003", "居民健康素养水平");
    expect(literacy.targetText).toBe("40%");
    expect(literacy.warnings.map((w) => w.code)).toEqual(["TEXT_CONTRADICTS"]);
    expect(literacy.warnings[0].message).toContain("80%");
    expect(row("city003", "重大慢病过早亡率").warnings.map((w) => w.code)).toEqual(["SOURCE_AMBIGUOUS", "TEXT_CONTRADICTS"]);
    expect(row("city003", "国家级卫生人才数")).toMatchObject({ unit: "人", targetText: "300人", source: { text: "拥有国家级卫生人才数达到300人" } });
  });

  it("平坝 (004): one row per line, 2025 targets only (no baseline column), texts verbatim", () => {
    const f = load("pingba");
    expect(f.warnings.map((w) => w.code)).toEqual(["NO_BASELINE"]);
    expect(pick(row("pingba", "人均预期寿命（岁）"))).toEqual({
      category: "健康水平",
      seq: null,
      name: "人均预期寿命（岁）",
      unit: "岁",
      baselineText: null,
      targetText: "≥ 77",
      attribute: "预期性",
    });
    expect(row("pingba", "孕产妇死亡率（/10 万）")).toMatchObject({
      category: "健康水平",
      unit: "/10万",
      baselineYear: null,
      targetText: "≤ 14",
      attribute: "约束性",
    });
    // after the stray blank line at 186 the category is still carried down
    expect(pick(row("pingba", "每万常住人口全科医生数（人）"))).toMatchObject({ category: "医疗卫生条件与服务体系", targetText: "≥ 3.2", attribute: "预期性" });
    expect(row("pingba", "每千常住人口 0-3 岁儿童托位数")).toMatchObject({ unit: null, shortName: "每千常住人口 0-3 岁儿童托位数" });
  });
});

describe("indicator-extraction: the check", () => {
  it("passes on the committed files and prints the counts per plan", () => {
    const { code, out } = runCheck();
    expect(code, out).toBe(0);
    expect(out).toContain("[xiangxi] indicators: 19");
    expect(out).toContain("[city003] indicators: 8");
    expect(out).toContain("total: 92");
  });

  it("refuses a value that is not in the source row, and a file the extractor would not write", () => {
    const dir = tamperedCopy((files) => {
      const f = `${STEMS.hunan}.json`;
      files.set(f, files.get(f)!.replace('"targetText": "78.60左右"', '"targetText": "79左右"'));
    });
    const { code, out } = runCheck(["--dir", dir]);
    expect(code).toBe(1);
    expect(out).toContain('targetText "79左右" is not in source.text');
    expect(out).toContain("differs from what extract-indicators.mjs produces");
  });

  it("refuses a quote that is not in the source, or not at its line", () => {
    const dir = tamperedCopy((files) => {
      const f = `${STEMS.city003}.json`;
      files.set(f, files.get(f)!.replace('"text": "人均预期寿命达到82岁以上"', '"text": "人均预期寿命达到85岁以上"'));
      const g = `${STEMS.pingba}.json`;
      files.set(g, files.get(g)!.replace('"line": 171,', '"line": 172,'));
    });
    const { code, out } = runCheck(["--dir", dir]);
    expect(code).toBe(1);
    expect(out).toContain("source.text is not a verbatim substring");
    expect(out).toContain("source.text is not at line 172");
  });

  it("the extractor fails when a locator does not find its text", async () => {
    const mod = (await import(pathToFileURL(path.join(ROOT, "scripts", "seed-data", "extract-indicators.mjs")).href)) as Extractor;
    const xiangxi = mod.SPECS.find((s) => s.stem === STEMS.xiangxi)!;
    const target = mod.SPECS.find((s) => s.stem === STEMS.city003)!.targets![0];
    const [line, quote] = [xiangxi.titleLine, target.quote];
    try {
      xiangxi.titleLine = 58;
      expect(() => mod.extractIndicators()).toThrow("not a 主要指标 title");
      xiangxi.titleLine = line;
      target.quote = "人均预期寿命达到85岁以上";
      expect(() => mod.extractIndicators()).toThrow("not found on line 2");
    } finally {
      xiangxi.titleLine = line;
      target.quote = quote;
    }
    expect(mod.extractIndicators().get(STEMS.xiangxi)!.indicators).toHaveLength(19);
  });
});
