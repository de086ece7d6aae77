import { describe, expect, it } from "vitest";
import { GET as getIndicators } from "@/app/api/v1/indicators/route";
import { db } from "@/lib/db";
import { indicatorListResponseSchema } from "@/lib/schemas/api-responses";
import { issueToken } from "@/lib/server/api-tokens/issue-token";
import { loadActiveUser } from "@/lib/server/auth/current-user";
import { createIndicator } from "@/lib/server/indicators/create-indicator";
import { judgeIndicator } from "@/lib/server/indicators/judge-indicator";
import { setIndicatorDirection } from "@/lib/server/indicators/set-indicator-direction";
import { listIndicators } from "@/lib/server/indicators/list-indicators";
import { reviewIndicatorValues } from "@/lib/server/indicators/review-indicator-values";
import { saveIndicatorValue } from "@/lib/server/indicators/save-indicator-value";
import { makeIndicator, makePlan, makeUser } from "@/lib/server/seed/factories";
import { expectAppError, sessionFor } from "../support/users";

const planByKey = async (key: string) => (await db.plan.findUniqueOrThrow({ where: { key } })).id;
const figureOf = async (planId: number, indicatorId: number, opts: { year?: number; submitted?: boolean } = {}) =>
  (await listIndicators(await sessionFor("VIEWER"), { plan: planId, ...opts, submitted: opts.submitted ? "1" : "0" })).indicators.find(
    (f) => f.indicator.id === indicatorId,
  )!;

describe("the plans' 主要指标 are loaded from the documents", () => {
  it("every row of the four tables and 003's quantified goals, counted per plan", async () => {
    const counts = Object.fromEntries(
      await Promise.all(
        ["xiangxi", "hunan", "yueyang", "city003", "pingba"].map(async (k) => [k, await db.indicator.count({ where: { planId: await planByKey(k) } })]),
      ),
    );
    expect(counts).toEqual({ xiangxi: 19, hunan: 27, yueyang: 20, city003: 8, pingba: 18 });
  });

  it("keeps the printed texts and parses what they say; unparsable targets and the source's contradictions are warnings", async () => {
    const yueyang = await planByKey("yueyang");
    const premature = await db.indicator.findFirstOrThrow({ where: { planId: yueyang, shortName: "重大慢性病过早死亡率" } });
    expect(premature).toMatchObject({ baselineText: "18.19", targetText: "≤15", targetComparator: "LTE", direction: "LOWER", category: "健康水平" });
    expect(premature.targetValue?.toFixed()).toBe("15");
    expect(premature.sourceText).toContain("重大慢性病过早死亡率");
    const life = await db.indicator.findFirstOrThrow({ where: { planId: yueyang, shortName: "人均预期寿命" } });
    expect(life).toMatchObject({ baselineText: "待省公布", baselineValue: null, targetText: "78左右", targetComparator: "ABOUT" });
    expect(life.targetTolerance?.toFixed()).toBe("0.5");
    const warnings = await db.dataWarning.findMany({ where: { target: "INDICATOR", planId: yueyang } });
    expect(warnings.map((w) => w.code)).toContain("TEXT_CONTRADICTS");
  });
});

describe("monitoring values are proposals until a reviewer approves them", () => {
  async function setup() {
    const { plan, units } = await makePlan(db, { unitNames: ["指标县", "别县"] });
    const indicator = await makeIndicator(db, { planId: plan.id, baselineText: "18.19", targetText: "≤15" });
    return { plan, units, indicator, admin: await sessionFor("ADMIN"), finance: await sessionFor("FINANCE_REVIEWER") };
  }
  const value = (indicatorId: number, over: Record<string, unknown> = {}) => ({
    indicatorId,
    unitId: null,
    year: 2023,
    value: "16.5",
    dataSource: "统计年报",
    ...over,
  });

  it("submitted → not official; approved → official and assessed (straight path 18.19 → 15: 16.276 in 2023)", async () => {
    const { plan, indicator, admin, finance } = await setup();
    const saved = await saveIndicatorValue(admin, value(indicator.id));
    expect((await figureOf(plan.id, indicator.id)).assessment.status).toBe("NO_DATA");
    expect((await figureOf(plan.id, indicator.id, { submitted: true })).latest).toMatchObject({ value: "16.5", reviewState: "SUBMITTED" });
    await expectAppError(reviewIndicatorValues(admin, { items: [{ id: saved.id, version: saved.version }], decision: "APPROVE" }), "FORBIDDEN"); // four eyes
    await reviewIndicatorValues(finance, { items: [{ id: saved.id, version: saved.version }], decision: "APPROVE" });
    const approved = await figureOf(plan.id, indicator.id);
    expect(approved.assessment).toMatchObject({ status: "LAGGING", label: "滞后", expected: "16.276" });
    expect(approved.latest).toMatchObject({ year: 2023, value: "16.5", reviewState: "APPROVED" });
    expect(await db.auditEvent.count({ where: { entityType: "IndicatorValue", entityId: String(saved.id) } })).toBe(2);
  });

  it("an approved value is locked: a correction is a new revision with a reason, and the old one counts until it is approved", async () => {
    const { plan, indicator, admin, finance } = await setup();
    const first = await saveIndicatorValue(admin, value(indicator.id));
    await reviewIndicatorValues(finance, { items: [{ id: first.id, version: first.version }], decision: "APPROVE" });
    const locked = await expectAppError(saveIndicatorValue(admin, value(indicator.id, { value: "16.0", version: first.version + 1 })), "VALIDATION");
    expect(locked.fieldErrors).toEqual({ correctionReason: ["请填写更正原因"] });
    const correction = await saveIndicatorValue(admin, value(indicator.id, { value: "16.0", version: first.version + 1, correctionReason: "统计年报修订" }));
    expect(correction.id).not.toBe(first.id);
    expect((await figureOf(plan.id, indicator.id)).latest?.value).toBe("16.5");
    await reviewIndicatorValues(finance, { items: [{ id: correction.id, version: correction.version }], decision: "RETURN", comment: "请附修订文件" });
    expect((await figureOf(plan.id, indicator.id)).latest?.value).toBe("16.5");
    const again = await saveIndicatorValue(admin, value(indicator.id, { value: "16.0", version: correction.version + 1, note: "附修订说明" }));
    await reviewIndicatorValues(finance, { items: [{ id: again.id, version: again.version }], decision: "APPROVE" });
    const now = await figureOf(plan.id, indicator.id);
    expect(now.latest?.value).toBe("16");
    expect(now.assessment.status).toBe("ON_TRACK");
    expect((await db.indicatorValue.findUniqueOrThrow({ where: { id: first.id } })).value.toFixed()).toBe("16.5"); // never changed
  });

  it("county officers report their own unit's values only; the region-wide value is the plan office's", async () => {
    const { units, indicator } = await setup();
    const officer = await sessionFor("COUNTY_OFFICER", [units[0].id]);
    await saveIndicatorValue(officer, value(indicator.id, { unitId: units[0].id }));
    await expectAppError(saveIndicatorValue(officer, value(indicator.id, { unitId: units[1].id })), "FORBIDDEN");
    await expectAppError(saveIndicatorValue(officer, value(indicator.id)), "FORBIDDEN");
    await expectAppError(saveIndicatorValue(await sessionFor("VIEWER"), value(indicator.id)), "FORBIDDEN");
    const future = await expectAppError(saveIndicatorValue(officer, value(indicator.id, { unitId: units[0].id, year: 2099 })), "VALIDATION");
    expect(future.fieldErrors?.year?.[0]).toContain("不能填报未来年份");
  });

  it("20 concurrent approvals of one value: one applies, 19 conflicts; 20 concurrent saves from one version: one applies", async () => {
    const { indicator, admin } = await setup();
    const saved = await saveIndicatorValue(admin, value(indicator.id));
    const reviewers = await Promise.all(Array.from({ length: 20 }, () => sessionFor("FINANCE_REVIEWER")));
    const decisions = await Promise.allSettled(
      reviewers.map((r, i) =>
        reviewIndicatorValues(r, { items: [{ id: saved.id, version: saved.version }], decision: i % 2 ? "APPROVE" : "RETURN", comment: "并发" }),
      ),
    );
    expect(decisions.filter((d) => d.status === "fulfilled")).toHaveLength(1);
    expect(decisions.filter((d) => d.status === "rejected" && (d.reason as { code: string }).code === "CONFLICT")).toHaveLength(19);
    expect(
      await db.auditEvent.count({
        where: { entityType: "IndicatorValue", entityId: String(saved.id), action: { in: ["indicatorValue.approve", "indicatorValue.return"] } },
      }),
    ).toBe(1);

    const fresh = await db.indicatorValue.findUniqueOrThrow({ where: { id: saved.id } });
    const saves = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        saveIndicatorValue(
          admin,
          value(indicator.id, { value: `17.${i}`, version: fresh.version, correctionReason: fresh.status === "APPROVED" ? "并发更正" : "" }),
        ),
      ),
    );
    expect(saves.filter((s) => s.status === "fulfilled")).toHaveLength(1);
    expect(saves.filter((s) => s.status === "rejected" && (s.reason as { code: string }).code === "CONFLICT")).toHaveLength(19);
    expect(await db.indicatorValue.count({ where: { indicatorId: indicator.id, isCurrent: true } })).toBe(1);
  });

  it("a qualitative target is judged by a reviewer with a reason; numeric ones are not", async () => {
    const { plan, indicator, finance } = await setup();
    const qualitative = await makeIndicator(db, { planId: plan.id, baselineText: "4.81", targetText: "优于全省平均水平" });
    expect((await figureOf(plan.id, qualitative.id)).assessment.status).toBe("NO_DATA");
    await judgeIndicator(finance, { indicatorId: qualitative.id, year: 2024, result: "MET", reason: "2024 年全省平均 5.2，本市 4.6" });
    expect((await figureOf(plan.id, qualitative.id)).assessment).toMatchObject({ status: "JUDGED_MET", label: "达到" });
    await expectAppError(judgeIndicator(finance, { indicatorId: indicator.id, year: 2024, result: "MET", reason: "x" }), "VALIDATION");
    await expectAppError(judgeIndicator(finance, { indicatorId: qualitative.id, year: 2024, result: "NOT_MET", reason: "改判" }), "CONFLICT"); // not from the version seen
  });
});

describe("the plan office adds indicators by hand and says which way is better where the wording does not", () => {
  it("parses the printed texts like the seed; an unreadable target is a warning; direction only where the text is silent", async () => {
    const { plan } = await makePlan(db, { unitNames: ["新增县"] });
    const admin = await sessionFor("ADMIN");
    const base = { planId: plan.id, category: "健康水平", attribute: "BINDING", baselineYear: 2025, targetYear: 2030 } as const;
    const { id } = await createIndicator(admin, { ...base, shortName: "人均预期寿命", unit: "岁", baselineText: "79.1", targetText: "80左右" });
    const row = await db.indicator.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ name: "人均预期寿命（岁）", targetComparator: "ABOUT", direction: null, sourceKind: "ENTERED" });
    await setIndicatorDirection(admin, { id, version: row.version, direction: "HIGHER" });
    expect((await db.indicator.findUniqueOrThrow({ where: { id } })).direction).toBe("HIGHER");
    await expectAppError(setIndicatorDirection(admin, { id, version: row.version, direction: "LOWER" }), "CONFLICT");

    const ceiling = await createIndicator(admin, { ...base, shortName: "吸烟率", unit: "%", baselineText: "24", targetText: "<20" });
    const fixed = await db.indicator.findUniqueOrThrow({ where: { id: ceiling.id } });
    expect(fixed.direction).toBe("LOWER");
    await expectAppError(setIndicatorDirection(admin, { id: fixed.id, version: fixed.version, direction: "HIGHER" }), "VALIDATION");

    const vague = await createIndicator(admin, { ...base, shortName: "床位数", unit: "张", baselineText: "7", targetText: "3-5" });
    expect(await db.dataWarning.findMany({ where: { indicatorId: vague.id } })).toEqual([expect.objectContaining({ code: "TARGET_UNPARSED" })]);
    const refused = await expectAppError(createIndicator(admin, { ...base, shortName: "x", targetText: "1", targetYear: 2020 }), "VALIDATION");
    expect(refused.fieldErrors?.targetYear).toEqual(["目标年份须晚于基期年份"]);
    await expectAppError(createIndicator(await sessionFor("FINANCE_REVIEWER"), { ...base, shortName: "y", targetText: "1" }), "FORBIDDEN");
    expect(await db.auditEvent.count({ where: { entityType: "Indicator", planId: plan.id } })).toBe(4);
  });
});

describe("GET /api/v1/indicators", () => {
  it("answers the documented shape, official values only unless submitted=1", async () => {
    const { plan } = await makePlan(db, { unitNames: ["接口县"] });
    const indicator = await makeIndicator(db, {
      planId: plan.id,
      name: "人均预期寿命（岁）",
      baselineText: "77.3",
      targetText: "78.60左右",
      attribute: "EXPECTED",
    });
    await saveIndicatorValue(await sessionFor("ADMIN"), { indicatorId: indicator.id, unitId: null, year: 2024, value: "78.1", dataSource: "统计年报" });
    const issuer = await makeUser(db, { role: "ADMIN" });
    const { token } = await issueToken((await loadActiveUser(issuer.id, issuer.sessionVersion))!, { name: "指标" });
    const call = async (q: string) => {
      const res = await getIndicators(new Request(`http://localhost/api/v1/indicators?${q}`, { headers: { authorization: `Bearer ${token}` } }));
      return { status: res.status, body: await res.json() };
    };
    const official = await call(`plan=${plan.id}`);
    expect(official.status).toBe(200);
    const parsed = indicatorListResponseSchema.parse(official.body);
    expect(parsed.indicators[0]).toMatchObject({
      name: "人均预期寿命（岁）",
      shortName: "人均预期寿命",
      attribute: "预期性",
      baseline: { year: 2020, text: "77.3", value: "77.3" },
      target: { year: 2025, text: "78.60左右", comparator: "about", value: "78.6" },
      values: [],
      assessment: { status: "NO_DATA" },
    });
    const withSubmitted = indicatorListResponseSchema.parse((await call(`plan=${plan.id}&submitted=1`)).body);
    expect(withSubmitted.official).toBe(false);
    expect(withSubmitted.indicators[0].values).toEqual([{ year: 2024, unitId: null, value: "78.1", reviewState: "SUBMITTED" }]);
    expect((await call("plan=2147483648")).status).toBe(400);
    expect((await call("plan=99999999")).status).toBe(404);
  });
});
