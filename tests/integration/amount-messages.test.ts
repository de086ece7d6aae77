import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { makePlan, makeProject } from "@/lib/server/seed/factories";
import { amountColumnProblem, amountFormatProblem } from "@/lib/schemas/money";
import { annualPlanProposeSchema } from "@/lib/schemas/annual-plan";
import { reportSaveSchema } from "@/lib/schemas/report";
import { proposeAnnualPlan } from "@/lib/server/annual-plans/propose-annual-plan";
import { saveReport } from "@/lib/server/reports/save-report";
import { expectAppError, sessionFor } from "../support/users";

// Every bad amount gets its own reason (#15.2): too large (the maximum in the unit typed), too many
// decimals (the unit's own allowance), negative, not a number. Never the generic failure.
const report = (over: Record<string, unknown>) => ({ projectId: 1, period: "2025-03", moneyUnit: "wan", completedAmount: "1", ...over });
const errorsOf = (input: Record<string, unknown>) => {
  const parsed = reportSaveSchema.safeParse(report(input));
  return parsed.success ? {} : Object.fromEntries(parsed.error.issues.map((i) => [i.path.join("."), i.message]));
};

describe("amount messages (pure)", () => {
  it("a 17-digit amount is too large — said in the unit typed — not 'too many decimals'", () => {
    expect(amountColumnProblem("12345678901234567", "wan")).toBe("超出可保存的范围（金额过大，最多 99,999,999,999,999.9999 万元）");
    expect(amountColumnProblem("12345678901", "yi")).toBe("超出可保存的范围（金额过大，最多 9,999,999,999.99999999 亿元）");
    expect(errorsOf({ completedAmount: "12345678901234567" }).completedAmount).not.toContain("位小数");
  });

  it("decimals: 万元 allows 4, 亿元 allows 8 (fewer places of 万元 fit in a 亿元 figure's unit the other way round)", () => {
    expect(amountColumnProblem("1.2345", "wan")).toBeNull();
    expect(amountColumnProblem("1.23456", "wan")).toBe("超出可保存的范围（以万元填写最多 4 位小数）");
    expect(amountColumnProblem("1.23456789", "yi")).toBeNull();
    expect(amountColumnProblem("1.234567891", "yi")).toBe("超出可保存的范围（以亿元填写最多 8 位小数）");
  });

  it("the largest amounts fit exactly; one unit more does not", () => {
    expect(amountColumnProblem("99999999999999.9999", "wan")).toBeNull();
    expect(amountColumnProblem("100000000000000", "wan")).toContain("金额过大");
    expect(amountColumnProblem("9999999999.99999999", "yi")).toBeNull();
    expect(amountColumnProblem("10000000000", "yi")).toContain("金额过大");
  });

  it("negative and non-numbers have their own messages; thousands separators are fine", () => {
    expect(amountFormatProblem("-5")).toBe("金额不能为负数，请输入不小于 0 的数字");
    expect(amountFormatProblem("八十")).toContain("请输入不小于 0 的数字");
    expect(amountFormatProblem("1e5")).toContain("请输入不小于 0 的数字");
    expect(amountFormatProblem("1,234.5")).toBeNull();
    expect(errorsOf({ completedAmount: "1,234.5" })).toEqual({});
  });

  it("every bad amount of a form is reported at once, each with its reason", () => {
    expect(errorsOf({ moneyUnit: "yi", completedAmount: "-1", annualPlan: "20000000000", fundsLocal: "0.000000001", fundsSelf: "abc" })).toEqual({
      completedAmount: "金额不能为负数，请输入不小于 0 的数字",
      annualPlan: "超出可保存的范围（金额过大，最多 9,999,999,999.99999999 亿元）",
      fundsLocal: "超出可保存的范围（以亿元填写最多 8 位小数）",
      fundsSelf: "请输入不小于 0 的数字（如 120.5），不确定请留空",
    });
    const plan = annualPlanProposeSchema.safeParse({ projectId: 1, year: 2025, amount: "123456789012345678", moneyUnit: "wan" });
    expect(plan.error?.issues[0].message).toBe("超出可保存的范围（金额过大，最多 99,999,999,999,999.9999 万元）");
  });
});

describe("amount messages (operations)", () => {
  it("an oversized 亿元 amount is refused with the precise field message, not 操作失败, and nothing is written", async () => {
    const { plan, section, units } = await makePlan(db, { unitNames: ["金额县"] });
    const p = await makeProject(db, { planId: plan.id, sectionId: section.id, unitId: units[0].id });
    const officer = await sessionFor("COUNTY_OFFICER", [units[0].id]);
    const before = await db.auditEvent.count();
    const e = await expectAppError(saveReport(officer, { ...report({ moneyUnit: "yi", completedAmount: "123456789012" }), projectId: p.id }), "VALIDATION");
    expect(e.fieldErrors).toEqual({ completedAmount: ["超出可保存的范围（金额过大，最多 9,999,999,999.99999999 亿元）"] });
    expect(e.message).not.toContain("操作失败");
    const a = await expectAppError(proposeAnnualPlan(officer, { projectId: p.id, year: 2025, amount: "1.123456789", moneyUnit: "yi" }), "VALIDATION");
    expect(a.fieldErrors).toEqual({ amount: ["超出可保存的范围（以亿元填写最多 8 位小数）"] });
    expect(await db.auditEvent.count()).toBe(before);
    expect(await db.progressReport.count({ where: { projectId: p.id } })).toBe(0);
  });
});
