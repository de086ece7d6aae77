// China time whatever the server's zone: scripts/test.ts runs this file with TZ=UTC and with
// TZ=Asia/Shanghai (and once more in the main run); every expectation is the same under each.
import { describe, expect, it } from "vitest";
import { chinaDayEnd, chinaDayStart, chinaToday, chinaYear, dateColumn, formatDate, formatDateTime, isCalendarDay } from "@/lib/dates";
import { milestoneFlag, pastBuildPeriod } from "@/lib/milestones";
import { currentPeriod, periodChoices, periodIn, periodOf } from "@/lib/periods";
import { auditFiltersSchema, auditWhere } from "@/lib/server/audit/list-audit";

const at = (iso: string) => new Date(iso);
const plan = { periodStart: 2021, periodEnd: 2025, reportingCycle: "MONTHLY" as const };
const quarterly = { ...plan, reportingCycle: "QUARTERLY" as const };

describe("the process runs in the zone it was given", () => {
  it("TZ is honoured (so the runs really differ)", () => {
    const offset = { UTC: 0, "Asia/Shanghai": -480 }[process.env.TZ ?? ""];
    if (offset !== undefined) expect(new Date(Date.UTC(2026, 0, 1)).getTimezoneOffset()).toBe(offset);
  });
});

describe("China's calendar", () => {
  it("the day turns at 00:00 in Beijing (16:00 UTC)", () => {
    expect(chinaToday(at("2026-11-30T15:59:59.999Z"))).toBe("2026-11-30");
    expect(chinaToday(at("2026-11-30T16:00:00Z"))).toBe("2026-12-01");
    expect(chinaYear(at("2025-12-31T15:59:59Z"))).toBe(2025);
    expect(chinaYear(at("2025-12-31T16:00:00Z"))).toBe(2026);
  });

  it("formats dates and times in China time; a DATE column shows its own day", () => {
    expect(formatDateTime(at("2026-11-30T16:00:00Z"))).toBe("2026-12-01 00:00:00");
    expect(formatDateTime("2026-06-01T03:04:05.678Z")).toBe("2026-06-01 11:04:05");
    expect(formatDate(at("2026-11-30T16:30:00Z"))).toBe("2026-12-01");
    expect(formatDate(dateColumn("2026-03-01"))).toBe("2026-03-01");
    expect(formatDate(dateColumn("2024-02-29"))).toBe("2024-02-29");
  });

  it("real calendar days only", () => {
    expect(isCalendarDay("2024-02-29")).toBe(true);
    expect(isCalendarDay("2026-02-30")).toBe(false);
    expect(isCalendarDay("2026-13-01")).toBe(false);
    expect(isCalendarDay("2026-1-01")).toBe(false);
  });
});

describe("periods on China's calendar", () => {
  it("month boundary: 2026-01-31 17:00 UTC is already February in Beijing", () => {
    expect(periodOf(at("2026-01-31T15:59:59Z"), "MONTHLY")).toBe("2026-01");
    expect(periodOf(at("2026-01-31T17:00:00Z"), "MONTHLY")).toBe("2026-02");
  });

  it("quarter boundary: 2026-03-31 16:30 UTC is Q2", () => {
    expect(periodOf(at("2026-03-31T15:59:59Z"), "QUARTERLY")).toBe("2026-Q1");
    expect(periodOf(at("2026-03-31T16:30:00Z"), "QUARTERLY")).toBe("2026-Q2");
  });

  it("year boundary", () => {
    expect(periodOf(at("2025-12-31T15:59:59Z"), "MONTHLY")).toBe("2025-12");
    expect(periodOf(at("2025-12-31T16:00:00Z"), "MONTHLY")).toBe("2026-01");
    expect(periodOf(at("2025-12-31T16:00:00Z"), "QUARTERLY")).toBe("2026-Q1");
  });

  it("00:00–08:00 Beijing on the 1st is the new month, every hour of it", () => {
    for (let h = 0; h < 8; h++) {
      const now = new Date(Date.UTC(2026, 10, 30, 16 + h, 30)); // 2026-12-01 0h30 … 7h30 in Beijing
      expect(currentPeriod("MONTHLY", now)).toBe("2026-12");
      expect(chinaToday(now)).toBe("2026-12-01");
      expect(periodChoices(plan, { now }).period).toBe("2026-12");
    }
  });

  it("a period in another cycle: a month's quarter, a quarter's last month", () => {
    expect(periodIn("2026-11", "QUARTERLY")).toBe("2026-Q4");
    expect(periodIn("2026-Q3", "MONTHLY")).toBe("2026-09");
    expect(periodIn("2026-04", "MONTHLY")).toBe("2026-04");
  });
});

describe("milestone flags on the day boundary", () => {
  const m = (planned: string | null, actual: string | null = null) => ({
    plannedDate: planned ? dateColumn(planned) : null,
    actualDate: actual ? dateColumn(actual) : null,
  });
  const late = at("2026-06-14T15:30:00Z"); // 2026-06-14 23:30 in Beijing
  const early = at("2026-06-14T16:30:00Z"); // 2026-06-15 00:30 in Beijing (still the 14th in UTC)

  it("due today is not overdue until Beijing's midnight", () => {
    expect(milestoneFlag(m("2026-06-14"), late)).toBe("DUE_SOON");
    expect(milestoneFlag(m("2026-06-14"), early)).toBe("OVERDUE");
  });

  it("the 30-day window counts China days", () => {
    expect(milestoneFlag(m("2026-07-14"), late)).toBe("DUE_SOON");
    expect(milestoneFlag(m("2026-07-15"), late)).toBeNull();
    expect(milestoneFlag(m("2026-07-15"), early)).toBe("DUE_SOON");
    expect(milestoneFlag(m("2026-05-01", "2026-05-02"), early)).toBe("DONE_LATE");
    expect(milestoneFlag(m("2026-05-01", "2026-05-01"), early)).toBe("DONE");
  });

  it("a build period ends with China's year", () => {
    expect(pastBuildPeriod({ endYear: 2025, status: "CONSTRUCTION" }, at("2025-12-31T15:30:00Z"))).toBe(false);
    expect(pastBuildPeriod({ endYear: 2025, status: "CONSTRUCTION" }, at("2025-12-31T16:30:00Z"))).toBe(true);
  });
});

describe("audit filters by China day", () => {
  it("a day runs from its 00:00 to the next 00:00 in Beijing", () => {
    expect(chinaDayStart("2026-12-01").toISOString()).toBe("2026-11-30T16:00:00.000Z");
    expect(chinaDayEnd("2026-12-31").toISOString()).toBe("2026-12-31T16:00:00.000Z");
    expect(chinaDayEnd("2024-02-28").toISOString()).toBe("2024-02-28T16:00:00.000Z");
    const f = auditFiltersSchema.parse({ from: "2026-12-01", to: "2026-12-01" });
    expect(auditWhere(f).at).toEqual({ gte: at("2026-11-30T16:00:00Z"), lt: at("2026-12-01T16:00:00Z") });
  });

  it("an impossible day is refused with the reason, never rolled over to the next month (#13.6)", () => {
    const parsed = auditFiltersSchema.safeParse({ from: "2026-02-30", to: "x" });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => [i.path[0], i.message])).toEqual([
      ["from", "开始日期无效，应为 2026-03-15 形式"],
      ["to", "结束日期无效，应为 2026-03-15 形式"],
    ]);
    expect(auditFiltersSchema.parse({ from: "", to: undefined })).toMatchObject({ from: undefined, to: undefined });
  });
});

describe("period choices", () => {
  const now = at("2026-12-01T20:00:00Z"); // 2026-12-02 04:00 in Beijing

  it("run from the plan's start to the current period, past the plan's end, newest first", () => {
    const { periods, period } = periodChoices(plan, { now });
    expect(period).toBe("2026-12");
    expect(periods[0]).toBe("2026-12");
    expect(periods).toHaveLength(6 * 12);
    expect(periods.at(-1)).toBe("2021-01");
    expect(periods).toContain("2025-12");
    expect(periods).toContain("2026-01");
    expect([...periods].sort().reverse()).toEqual(periods);
  });

  it("never beyond the current period (China time)", () => {
    expect(periodChoices(plan, { now: at("2026-11-30T15:30:00Z") }).periods[0]).toBe("2026-11");
    expect(periodChoices(plan, { now: at("2026-11-30T16:30:00Z") }).periods[0]).toBe("2026-12");
  });

  it("quarterly plans offer quarters", () => {
    const { periods, period } = periodChoices(quarterly, { now });
    expect(period).toBe("2026-Q4");
    expect(periods).toHaveLength(6 * 4);
    expect(periods.slice(0, 5)).toEqual(["2026-Q4", "2026-Q3", "2026-Q2", "2026-Q1", "2025-Q4"]);
    expect(periods.at(-1)).toBe("2021-Q1");
  });

  it("a requested period is shown; one of the wrong cycle or shape falls back to the current one", () => {
    expect(periodChoices(plan, { now, requested: "2022-06" })).toMatchObject({ period: "2022-06", periods: periodChoices(plan, { now }).periods });
    expect(periodChoices(plan, { now, requested: "2022-Q2" }).period).toBe("2026-12");
    expect(periodChoices(quarterly, { now, requested: "2022-06" }).period).toBe("2026-Q4");
    // Outside the range (an API call may ask for it): offered too, in order.
    const { periods } = periodChoices(plan, { now, requested: "2019-03" });
    expect(periods.at(-1)).toBe("2019-03");
  });

  it("a plan not started yet offers its first period", () => {
    expect(periodChoices({ periodStart: 2031, reportingCycle: "MONTHLY" }, { now })).toEqual({ periods: ["2031-01"], period: "2031-01" });
  });
});
