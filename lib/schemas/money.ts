import { Decimal } from "decimal.js";
import { z } from "zod";
import { toWan, type MoneyUnit } from "@/lib/money";

// An amount typed by a user: a plain non-negative decimal string ("" = unknown). Kept as a string
// end to end so no float ever touches it; converted to 万元 on the server.
export const moneyUnitSchema = z.enum(["wan", "yi"], { message: "请选择金额单位" });

export const amountSchema = z
  .string()
  .trim()
  .transform((s) => s.replace(/,/g, ""))
  .refine((s) => s === "" || /^\d{1,14}(\.\d{1,8})?$/.test(s), { message: "请输入不小于 0 的数字（最多 8 位小数），不确定请留空" });

// Amounts are stored in 万元 as NUMERIC(18,4): at most 14 integer digits and 4 decimals once converted.
// More decimals are refused, not rounded, so what the audit says is what is stored.
export const MONEY_COLUMN_MESSAGE = "金额超出可保存的范围（折合不超过 99,999,999,999,999.9999 万元，最多 4 位小数；亿元最多 8 位小数）";
export function fitsMoneyColumn(typed: string, unit: MoneyUnit): boolean {
  if (!/^\d+(\.\d+)?$/.test(typed)) return true; // empty, or refused by amountSchema already
  return storedWan(typed, unit) !== null;
}

// The exact 万元 string a non-negative amount is stored as, or null when the column cannot hold it.
export function storedWan(amount: string, unit: MoneyUnit): string | null {
  const wan = new Decimal(toWan(amount, unit));
  return wan.isNeg() || wan.decimalPlaces() > 4 || wan.gte("1e14") ? null : wan.toFixed();
}

// An amount read from a spreadsheet: a numeric cell is a binary float (=SUM() gives 1.2000000000000002),
// so it is rounded to the column's 4 decimals explicitly and the preview and audit show what is stored;
// a text cell is taken as typed (more decimals than stored are refused).
export function storedWanOfCell(cell: string | number, unit: MoneyUnit): string | null {
  if (typeof cell === "string") return storedWan(cell, unit);
  return Number.isFinite(cell) ? storedWan(new Decimal(toWan(String(cell), unit)).toDecimalPlaces(4).toFixed(), "wan") : null;
}

// The object-level rule of every schema with amounts in `moneyUnit`: each named field fits the column.
export function moneyFitsColumns<K extends string>(fields: readonly K[]) {
  return (v: { moneyUnit: MoneyUnit } & Partial<Record<K, string>>, ctx: z.RefinementCtx) => {
    for (const f of fields) {
      const typed = v[f];
      if (typed && !fitsMoneyColumn(typed, v.moneyUnit)) ctx.addIssue({ code: "custom", path: [f], message: MONEY_COLUMN_MESSAGE });
    }
  };
}
