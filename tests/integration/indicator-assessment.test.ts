// 主要指标 (#14): what the printed 2025 targets mean and whether an indicator is on course. Pure: no
// database (VITEST_NO_DB=1 npx vitest run tests/integration/indicator-assessment.test.ts).
import { describe, expect, it } from "vitest";
import { type AssessmentInput, NO_PATH_LABEL, STATUS_LABELS, STATUS_ORDER, assessIndicator } from "@/lib/indicators/assess";
import { type ParsedTarget, parseBaselineText, parseTargetText } from "@/lib/indicators/target-text";

const num = (comparator: ParsedTarget["comparator"], value: string, direction: ParsedTarget["direction"], tolerance: string | null = null): ParsedTarget => ({
  comparator,
  value,
  tolerance,
  direction,
  parsed: true,
});
const qual = (direction: ParsedTarget["direction"], parsed = true): ParsedTarget => ({
  comparator: "qualitative",
  value: null,
  tolerance: null,
  direction,
  parsed,
});

describe("printed targets", () => {
  it.each<[string, ParsedTarget]>([
    // at least
    ["≥90", num(">=", "90", "higher")],
    ["90以上", num(">=", "90", "higher")],
    ["不低于90", num(">=", "90", "higher")],
    ["≥ 77", num(">=", "77", "higher")],
    ["达到82岁以上", num(">=", "82", "higher")],
    ["90%及以上", num(">=", "90", "higher")],
    ["提高至43.8%", num(">=", "43.8", "higher")],
    ["2名/万人以上", num(">=", "2", "higher")],
    [">95", num(">", "95", "higher")],
    // at most
    ["≤15", num("<=", "15", "lower")],
    ["15以下", num("<=", "15", "lower")],
    ["20以下", num("<=", "20", "lower")],
    ["不高于15", num("<=", "15", "lower")],
    ["控制在15以内", num("<=", "15", "lower")],
    ["降低到8.5%以下", num("<=", "8.5", "lower")],
    ["7天以内", num("<=", "7", "lower")],
    ["<25", num("<", "25", "lower")],
    // about: half a unit of the last printed digit
    ["78.60左右", num("about", "78.60", null, "0.005")],
    ["约78.6", num("about", "78.6", null, "0.05")],
    ["27左右", num("about", "27", null, "0.5")],
    ["控制在27%左右", num("about", "27", "lower", "0.5")],
    // a number as printed, digits kept
    ["25", num("=", "25", null)],
    ["23.30", num("=", "23.30", null)],
    ["13.5‰", num("=", "13.5", null)],
    ["0.5%", num("=", "0.5", null)],
    ["1,200", num("=", "1200", null)],
    ["4名/10万人", num("=", "4", null)],
  ])("%s", (text, expected) => {
    expect(parseTargetText(text)).toEqual(expected);
  });

  it.each<[string, ParsedTarget]>([
    ["＜２５", num("<", "25", "lower")],
    ["＞９５％", num(">", "95", "higher")],
    ["≧９０", num(">=", "90", "higher")],
    ["≦１５", num("<=", "15", "lower")],
    ["７８．６０左右", num("about", "78.60", null, "0.005")],
    [" ≥ 60 ", num(">=", "60", "higher")],
    ["≥　96", num(">=", "96", "higher")], // ideographic space
    [">=90", num(">=", "90", "higher")],
    ["<=15", num("<=", "15", "lower")],
  ])("full-width and spaced: %s", (text, expected) => {
    expect(parseTargetText(text)).toEqual(expected);
  });

  it.each<[string, ParsedTarget]>([
    ["持续下降", qual("lower")],
    ["下降", qual("lower")],
    ["力争每年降低0.5个百分点以上", qual("lower")], // relative: judged, not a level
    ["持续提高", qual("higher")],
    ["提高", qual("higher")],
    ["同比例提高", qual("higher")],
    ["持续提升", qual("higher")],
    ["增长30%", qual("higher")], // never "= 30"
    ["待国家公布", qual(null)],
    ["待省公布", qual(null)],
    ["无", qual(null)],
    ["-", qual(null)],
    ["—", qual(null)],
    ["优于全国平均水平", qual(null)],
    ["优于全省平均水平", qual(null)],
    ["低于全国平均水平", qual("lower")],
  ])("known wording, judged by a reviewer: %s", (text, expected) => {
    expect(parseTargetText(text)).toEqual(expected);
  });

  it.each([
    "", // a blank cell is a gap in the data
    "   ",
    "3-5", // a range: two bounds, no single comparator
    "3～5",
    "20至25",
    "≥90以下", // contradicts itself
    "降至90以上",
    "基本建成健康湖南",
    "78.6岁左右或更高",
    "0.12345", // more decimals than NUMERIC(18,4) keeps
    "78.6012左右", // its tolerance would need 5 decimals
  ])("not understood, so the caller warns: %j", (text) => {
    expect(parseTargetText(text)).toEqual(qual(null, false));
  });

  it("baselines: the number as printed, or null", () => {
    expect(parseBaselineText("77.3")).toBe("77.3");
    expect(parseBaselineText("77.05")).toBe("77.05");
    expect(parseBaselineText("46.40")).toBe("46.40");
    expect(parseBaselineText("13.5‰")).toBe("13.5");
    expect(parseBaselineText("0.5%")).toBe("0.5");
    expect(parseBaselineText("*17.74")).toBe("17.74"); // footnote star
    expect(parseBaselineText("１８．７５")).toBe("18.75");
    expect(parseBaselineText("待国家公布")).toBeNull();
    expect(parseBaselineText("等省公布")).toBeNull();
    expect(parseBaselineText("无")).toBeNull();
    expect(parseBaselineText("-")).toBeNull();
    expect(parseBaselineText("")).toBeNull();
    expect(parseBaselineText("≥90")).toBeNull();
  });
});

// A 2020 → 2025 indicator with the target as parsed from its printed text.
function indicator(baseline: string | null, targetText: string, direction: AssessmentInput["direction"] = null) {
  const t = parseTargetText(targetText);
  return (latest: AssessmentInput["latest"], judgement: AssessmentInput["judgement"] = null) =>
    assessIndicator({
      baseline: { year: 2020, value: baseline },
      target: { year: 2025, comparator: t.comparator, value: t.value, tolerance: t.tolerance },
      direction: direction ?? t.direction,
      latest,
      judgement,
    });
}

describe("numeric targets", () => {
  it("rising: 居民健康素养水平 18.75 → 25 (path 20.00 in 2021, 23.75 in 2024)", () => {
    const literacy = indicator("18.75", "25");
    expect(literacy(null)).toEqual({ status: "NO_DATA", label: "无数据", expected: null });
    expect(literacy({ year: 2021, value: "20.00" })).toEqual({ status: "ON_TRACK", label: "进度正常", expected: "20" });
    expect(literacy({ year: 2021, value: "19.99" })).toEqual({ status: "LAGGING", label: "滞后", expected: "20" });
    expect(literacy({ year: 2024, value: "23.75" })).toMatchObject({ status: "ON_TRACK", expected: "23.75" });
    expect(literacy({ year: 2024, value: "23.7499" })).toMatchObject({ status: "LAGGING" });
    expect(literacy({ year: 2023, value: "25" })).toMatchObject({ status: "MET", label: "已达标" }); // early
    expect(literacy({ year: 2025, value: "24.99" })).toMatchObject({ status: "LAGGING", expected: "25" });
  });

  it("falling: 重大慢性病过早死亡率 17.74 → ≤15 (path 16.644 in 2022)", () => {
    const premature = indicator("17.74", "≤15");
    expect(premature({ year: 2022, value: "16.644" })).toEqual({ status: "ON_TRACK", label: "进度正常", expected: "16.644" });
    expect(premature({ year: 2022, value: "16.645" })).toMatchObject({ status: "LAGGING" });
    expect(premature({ year: 2022, value: "15" })).toMatchObject({ status: "MET" });
    expect(premature({ year: 2025, value: "15.01" })).toMatchObject({ status: "LAGGING" });
  });

  it("≥ against its path: 老年医学科 22.22 → ≥60 (path 44.888 in 2023)", () => {
    const geriatrics = indicator("22.22", "≥60");
    expect(geriatrics({ year: 2023, value: "44.888" })).toMatchObject({ status: "ON_TRACK", expected: "44.888" });
    expect(geriatrics({ year: 2023, value: "44.887" })).toMatchObject({ status: "LAGGING" });
    expect(geriatrics({ year: 2025, value: "60" })).toMatchObject({ status: "MET" });
  });

  it("strict < and >: the target value itself does not meet them", () => {
    const smoking = indicator("26.6", "<25");
    expect(smoking({ year: 2025, value: "25" })).toMatchObject({ status: "LAGGING" });
    expect(smoking({ year: 2025, value: "24.9999" })).toMatchObject({ status: "MET" });
    const coverage = indicator("93", ">95");
    expect(coverage({ year: 2025, value: "95" })).toMatchObject({ status: "LAGGING" });
    expect(coverage({ year: 2025, value: "95.0001" })).toMatchObject({ status: "MET" });
  });

  it("a ceiling the baseline already meets stays met: 5岁以下儿童死亡率 3.54, ≤6", () => {
    expect(indicator("3.54", "≤6")({ year: 2021, value: "3.9" })).toMatchObject({ status: "MET" });
    expect(indicator("3.54", "≤6")({ year: 2021, value: "6.1" })).toMatchObject({ status: "LAGGING" }); // path 4.032
  });

  it("a path that does not end in whole decimals is compared exactly, shown to 4 places", () => {
    // 2021 → 2024: path at 2022 = 1 + (2 − 1) × 1/3 = 1.3333…
    const thirds = (value: string) =>
      assessIndicator({
        baseline: { year: 2021, value: "1" },
        target: { year: 2024, comparator: ">=", value: "2", tolerance: null },
        direction: null,
        latest: { year: 2022, value },
      });
    expect(thirds("1.3333")).toEqual({ status: "LAGGING", label: "滞后", expected: "1.3333" });
    expect(thirds("1.3334")).toEqual({ status: "ON_TRACK", label: "进度正常", expected: "1.3333" });
  });

  it("左右 is met within half a unit of the last printed digit, and beyond it on the good side", () => {
    const lifeExpectancy = indicator("77.3", "78.60左右"); // higher, from 77.3 → 78.60
    expect(lifeExpectancy({ year: 2025, value: "78.595" })).toMatchObject({ status: "MET" });
    expect(lifeExpectancy({ year: 2025, value: "78.5949" })).toMatchObject({ status: "LAGGING" });
    expect(lifeExpectancy({ year: 2025, value: "80.1" })).toMatchObject({ status: "MET" });
    expect(lifeExpectancy({ year: 2023, value: "78.08" })).toMatchObject({ status: "ON_TRACK", expected: "78.08" });
    expect(lifeExpectancy({ year: 2023, value: "78.07" })).toMatchObject({ status: "LAGGING" });

    const spending = indicator("28.4", "27左右"); // 个人卫生支出占比: lower, from 28.4 → 27
    expect(spending({ year: 2025, value: "27.5" })).toMatchObject({ status: "MET" });
    expect(spending({ year: 2025, value: "27.51" })).toMatchObject({ status: "LAGGING" });
    expect(spending({ year: 2025, value: "20" })).toMatchObject({ status: "MET" });

    // No baseline, no direction: only close enough counts, on either side.
    const twoSided = indicator(null, "78左右");
    expect(twoSided({ year: 2025, value: "78.5" })).toMatchObject({ status: "MET" });
    expect(twoSided({ year: 2025, value: "77.5" })).toMatchObject({ status: "MET" });
    expect(twoSided({ year: 2025, value: "78.6" })).toMatchObject({ status: "LAGGING" });
  });

  it("without a baseline: met or, before the target year, 无法判断进度 — never a guessed 滞后", () => {
    const smoking = indicator(null, "≤25"); // 15岁以上人群吸烟率, 2020 待国家公布
    expect(smoking({ year: 2022, value: "24" })).toEqual({ status: "MET", label: "已达标", expected: null });
    expect(smoking({ year: 2022, value: "26" })).toEqual({ status: "NOT_ASSESSABLE", label: NO_PATH_LABEL, expected: null });
    expect(smoking({ year: 2025, value: "26" })).toEqual({ status: "LAGGING", label: "滞后", expected: null });
    // A plain number with no baseline and no stated direction: only the number itself meets it.
    const unknownWay = indicator(null, "23.30");
    expect(unknownWay({ year: 2023, value: "22" })).toMatchObject({ status: "NOT_ASSESSABLE", label: NO_PATH_LABEL });
    expect(unknownWay({ year: 2023, value: "23.3" })).toMatchObject({ status: "MET" });
    // The plan office's direction makes it assessable.
    expect(indicator(null, "23.30", "lower")({ year: 2023, value: "22" })).toMatchObject({ status: "MET" });
  });

  it("a value for a year after the target year is judged against the target, not an extended path", () => {
    const literacy = indicator("18.75", "25");
    // The path extended to 2026 would ask for 26.25 (滞后); 25.5 meets the target, so 已达标.
    expect(literacy({ year: 2026, value: "25.5" })).toEqual({ status: "MET", label: "已达标", expected: "25" });
    // The target still decides later on: 24.9 misses it.
    expect(literacy({ year: 2027, value: "24.9" })).toEqual({ status: "LAGGING", label: "滞后", expected: "25" });
    const premature = indicator("17.74", "≤15");
    expect(premature({ year: 2026, value: "14.5" })).toMatchObject({ status: "MET", expected: "15" });
    // At the end of the path but short of a strict target: 滞后, not 进度正常.
    expect(indicator("93", ">95")({ year: 2026, value: "95" })).toEqual({ status: "LAGGING", label: "滞后", expected: "95" });
  });

  it("the comparator decides the direction; otherwise the indicator's; otherwise baseline → target", () => {
    // ≥ says higher even if the indicator is (wrongly) marked lower.
    expect(indicator("50", "≥60", "lower")({ year: 2025, value: "59" })).toMatchObject({ status: "LAGGING" });
    // A plain number falling from the baseline: lower is better, so 7.5 meets 8.
    expect(indicator("8.83", "8")({ year: 2024, value: "7.5" })).toMatchObject({ status: "MET" });
    expect(indicator("7.82", "8")({ year: 2024, value: "7.5" })).toMatchObject({ status: "LAGGING" }); // path 7.964
  });

  it("a value reported for a year before the baseline is held to the baseline", () => {
    expect(indicator("18.75", "25")({ year: 2019, value: "18.75" })).toMatchObject({ status: "ON_TRACK", expected: "18.75" });
  });
});

describe("qualitative targets", () => {
  it("without a judgement: 无数据, whatever value was reported", () => {
    const better = indicator("9.32", "优于全国平均水平");
    expect(better(null)).toEqual({ status: "NO_DATA", label: "无数据", expected: null });
    expect(better({ year: 2024, value: "8.1" })).toEqual({ status: "NO_DATA", label: "无数据", expected: null });
  });

  it("the reviewer's judgement decides: 达到 / 未达到 / 无法评估", () => {
    const falling = indicator("46.40", "持续下降");
    const latest = { year: 2024, value: "44.1" };
    expect(falling(latest, { result: "达到", reason: "近视率由46.40%降至44.1%" })).toEqual({ status: "JUDGED_MET", label: "达到", expected: null });
    expect(falling(latest, { result: "未达到", reason: "2024年较上年上升" })).toEqual({ status: "JUDGED_NOT_MET", label: "未达到", expected: null });
    expect(falling(latest, { result: "无法评估", reason: "国家未公布口径" })).toEqual({ status: "NOT_ASSESSABLE", label: "无法评估", expected: null });
    expect(indicator(null, "待国家公布")(null, { result: "无法评估", reason: "目标待国家公布" })).toMatchObject({ status: "NOT_ASSESSABLE" });
    // Unparsed text is qualitative too: a reviewer can still judge it.
    expect(indicator(null, "3-5")(null, { result: "达到", reason: "建成4个" })).toMatchObject({ status: "JUDGED_MET" });
  });

  it("a judgement does not override the values of a numeric target", () => {
    expect(indicator("18.75", "25")({ year: 2025, value: "24" }, { result: "达到", reason: "—" })).toMatchObject({ status: "LAGGING" });
  });
});

describe("display", () => {
  it("every status has its Chinese label and one place in the order", () => {
    expect(STATUS_ORDER.map((s) => STATUS_LABELS[s])).toEqual(["已达标", "进度正常", "滞后", "无数据", "达到", "未达到", "无法评估"]);
    expect(new Set(STATUS_ORDER).size).toBe(Object.keys(STATUS_LABELS).length);
  });
});
