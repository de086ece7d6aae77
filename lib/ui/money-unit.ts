import "server-only";
import { cookies } from "next/headers";
import type { MoneyUnit } from "@/lib/money";

export const MONEY_COOKIE = "money-unit";

// The reader's chosen display unit (亿元 by default: the plans state amounts in 亿元).
export async function moneyUnit(): Promise<MoneyUnit> {
  return (await cookies()).get(MONEY_COOKIE)?.value === "wan" ? "wan" : "yi";
}
