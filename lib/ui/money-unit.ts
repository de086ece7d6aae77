import "server-only";
import { cookies } from "next/headers";
import type { MoneyUnit } from "@/lib/money";
import { MONEY_COOKIE } from "@/lib/money-unit-choice";

// The reader's chosen display unit; without a choice, the screen's default (a plan's moneyUnit, else
// 亿元: the plans state amounts in 亿元).
export async function moneyUnit(fallback: MoneyUnit = "yi"): Promise<MoneyUnit> {
  return (await chosenMoneyUnit()) ?? fallback;
}

// The reader's own choice only (undefined until they choose): forms and the grid start in it, else in
// their plan's unit.
export async function chosenMoneyUnit(): Promise<MoneyUnit | undefined> {
  const chosen = (await cookies()).get(MONEY_COOKIE)?.value;
  return chosen === "wan" || chosen === "yi" ? chosen : undefined;
}

// A plan's stored default ("yi" | "wan") as a unit.
export const planMoneyUnit = (plan: { moneyUnit: string }): MoneyUnit => (plan.moneyUnit === "wan" ? "wan" : "yi");

// A plan's page: the reader's choice, else the plan's unit (the page says so with <PageMoneyUnit>, so the
// layout's switch shows it too). The plan row is the one the page's operation already read.
export async function moneyUnitForPlan(plan: { moneyUnit: string }): Promise<MoneyUnit> {
  return (await chosenMoneyUnit()) ?? planMoneyUnit(plan);
}
