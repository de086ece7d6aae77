import "server-only";
import { cookies } from "next/headers";
import type { MoneyUnit } from "@/lib/money";

export const MONEY_COOKIE = "money-unit";

// The reader's chosen display unit; without a choice, the screen's default (a plan's moneyUnit, else
// 亿元: the plans state amounts in 亿元).
export async function moneyUnit(fallback: MoneyUnit = "yi"): Promise<MoneyUnit> {
  const chosen = (await cookies()).get(MONEY_COOKIE)?.value;
  return chosen === "wan" || chosen === "yi" ? chosen : fallback;
}
