// The period pickers of the desk, the fill-in grid and the dashboards: one list (periodChoices) from
// the plan's start to the current China period, also after the plan's last year (续建 projects).
import { beforeAll, describe, expect, it } from "vitest";
import { chinaToday, dateColumn } from "@/lib/dates";
import { db } from "@/lib/db";
import { currentPeriod } from "@/lib/periods";
import type { SessionUser } from "@/lib/server/auth/current-user";
import { planContext } from "@/lib/server/finance/plan-context";
import { gridRows } from "@/lib/server/reports/grid-rows";
import { officerDesk } from "@/lib/server/reports/officer-desk";
import { makePlan, makeProject } from "@/lib/server/seed/factories";
import { makeMilestone, makeReport } from "@/lib/server/seed/report-factories";
import { sessionFor } from "../support/users";

const month = currentPeriod("MONTHLY");
const quarter = currentPeriod("QUARTERLY");
let monthly: Awaited<ReturnType<typeof makePlan>>;
let quarterly: Awaited<ReturnType<typeof makePlan>>;
let officer: SessionUser;
let projectId: number;

beforeAll(async () => {
  // Two 2021–2025 plans (one reporting quarterly) and an officer with a unit in each.
  monthly = await makePlan(db, { unitNames: ["甲县"] });
  quarterly = await makePlan(db, { unitNames: ["乙县"] });
  await db.plan.update({ where: { id: quarterly.plan.id }, data: { reportingCycle: "QUARTERLY" } });
  const p = await makeProject(db, { planId: monthly.plan.id, sectionId: monthly.section.id, unitId: monthly.units[0].id, endYear: 2027 });
  await makeProject(db, { planId: quarterly.plan.id, sectionId: quarterly.section.id, unitId: quarterly.units[0].id, endYear: 2027 });
  projectId = p.id;
  await makeReport(db, { projectId, period: "2022-06", status: "DRAFT" });
  officer = await sessionFor("COUNTY_OFFICER", [monthly.units[0].id, quarterly.units[0].id]);
});

describe("我的项目 period picker", () => {
  it("defaults to the current period and offers every month from the plan's start, past its end", async () => {
    const desk = await officerDesk(officer, {});
    expect(desk.period).toBe(month);
    expect(desk.periods[0]).toBe(month);
    expect(desk.periods).toContain("2025-12");
    expect(desk.periods.at(-1)).toBe("2021-01");
    const byPlan = new Map(desk.rows.map((r) => [r.plan.id, r.period]));
    expect(byPlan.get(monthly.plan.id)).toBe(month);
    expect(byPlan.get(quarterly.plan.id)).toBe(quarter);
  });

  it("an earlier period shows that period's reports; a quarterly plan shows the quarter holding the month", async () => {
    const desk = await officerDesk(officer, { period: "2022-06" });
    expect(desk.period).toBe("2022-06");
    const row = desk.rows.find((r) => r.id === projectId)!;
    expect(row.period).toBe("2022-06");
    expect(row.current?.status).toBe("DRAFT");
    expect(desk.rows.find((r) => r.plan.id === quarterly.plan.id)!.period).toBe("2022-Q2");
    expect((await officerDesk(officer, { period: "2022-6" })).period).toBe(month); // not a period: the current one
  });

  it("overdue milestones: planned before today in China", async () => {
    const sub = await makeProject(db, { planId: monthly.plan.id, sectionId: monthly.section.id, unitId: monthly.units[0].id });
    const today = chinaToday();
    const yesterday = new Date(dateColumn(today).getTime() - 86_400_000).toISOString().slice(0, 10);
    await makeMilestone(db, { projectId: sub.id, code: "START", planned: today });
    await makeMilestone(db, { projectId: sub.id, code: "COMPLETE", planned: yesterday });
    const overdue = (await officerDesk(officer, {})).overdue.filter((m) => m.projectId === sub.id);
    expect(overdue.map((m) => m.code)).toEqual(["COMPLETE"]);
  });
});

describe("批量填报 period", () => {
  it("defaults to the plan's own current period (quarterly plans: a quarter)", async () => {
    const q = await gridRows(officer, { planId: quarterly.plan.id });
    expect(q.period).toBe(quarter);
    expect(q.periods[0]).toBe(quarter);
    expect(q.periods.every((p) => /^\d{4}-Q[1-4]$/.test(p))).toBe(true);
    expect(q.periods.at(-1)).toBe("2021-Q1");
    const m = await gridRows(officer, { planId: monthly.plan.id, period: "2022-06" });
    expect(m.period).toBe("2022-06");
    expect(m.periods[0]).toBe(month);
  });
});

describe("dashboard period", () => {
  it("with nothing reported, the current period — not the plan's last month", async () => {
    const fresh = await makePlan(db, { unitNames: ["丙县"] });
    const ctx = await planContext(fresh.plan.id, undefined);
    expect(ctx.period).toBe(month);
    expect(ctx.periods[0]).toBe(month);
    expect(ctx.periods).toContain("2025-12");
    expect(ctx.periods.at(-1)).toBe("2021-01");
  });

  it("else the newest reported period; a requested period is kept", async () => {
    expect((await planContext(monthly.plan.id, undefined)).period).toBe("2022-06");
    expect((await planContext(quarterly.plan.id, "2023-Q1")).period).toBe("2023-Q1");
    expect((await planContext(quarterly.plan.id, undefined)).periods[0]).toBe(quarter);
  });
});
