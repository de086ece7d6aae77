import { Decimal } from "decimal.js";
import { z } from "zod";
import { toWan, type MoneyUnit } from "@/lib/money";

export const moneyUnitSchema = z.enum(["wan", "yi"], { message: "请选择金额单位" });

// The decimals and the largest amount each unit can hold: the column is NUMERIC(18,4) in 万元, so
// 万元 takes 4 decimals and 亿元 (÷ 10,000) takes 8; at most 99,999,999,999,999.9999 万元.
export const MAX_DECIMALS: Record<MoneyUnit, number> = { wan: 4, yi: 8 };
export const MAX_AMOUNT: Record<MoneyUnit, string> = { wan: "99,999,999,999,999.9999", yi: "9,999,999,999.99999999" };
const UNIT_NAME: Record<MoneyUnit, string> = { wan: "万元", yi: "亿元" };

export const AMOUNT_NOT_A_NUMBER = "请输入不小于 0 的数字（如 120.5），不确定请留空";
export const AMOUNT_NEGATIVE = "金额不能为负数，请输入不小于 0 的数字";

// What is wrong with a typed amount regardless of its unit (the unit's own limits: amountColumnProblem).
export function amountFormatProblem(typed: string): string | null {
  const s = typed.trim().replace(/,/g, "");
  if (s === "" || /^\d+(\.\d+)?$/.test(s)) return null;
  if (/^-\s*\d+(\.\d+)?$/.test(s)) return AMOUNT_NEGATIVE;
  return AMOUNT_NOT_A_NUMBER;
}

// Why a well-formed, non-negative amount cannot be stored in the unit it was typed in, or null: too
// large (the maximum said in that unit) or too many decimals (the unit's own allowance). Every message
// begins "超出可保存的范围" so the reason reads the same in forms, grids and the API.
export function amountColumnProblem(typed: string, unit: MoneyUnit): string | null {
  if (!/^\d+(\.\d+)?$/.test(typed) || !(unit in MAX_DECIMALS)) return null;
  const wan = new Decimal(toWan(typed, unit));
  if (wan.gte("1e14")) return `超出可保存的范围（金额过大，最多 ${MAX_AMOUNT[unit]} ${UNIT_NAME[unit]}）`;
  if (wan.decimalPlaces() > 4) return `超出可保存的范围（以${UNIT_NAME[unit]}填写最多 ${MAX_DECIMALS[unit]} 位小数）`;
  return null;
}

// An amount typed by a user: a plain non-negative decimal string ("" = unknown), thousands separators
// allowed. Kept as a string end to end so no float ever touches it; converted to 万元 on the server.
// How many digits fit depends on the unit, so that is the object's rule (moneyFitsColumns).
export const amountSchema = z
  .string()
  .trim()
  .transform((s) => s.replace(/,/g, ""))
  .superRefine((s, ctx) => {
    const problem = amountFormatProblem(s);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

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

// The object-level rule of every schema with amounts in `moneyUnit`: each named field fits the column,
// with the precise reason. Zod runs it even when another field failed, so all errors show at once.
export function moneyFitsColumns<K extends string>(fields: readonly K[]) {
  return (v: { moneyUnit: MoneyUnit } & Partial<Record<K, string>>, ctx: z.RefinementCtx) => {
    for (const f of fields) {
      const typed = v[f];
      const problem = typed ? amountColumnProblem(typed, v.moneyUnit) : null;
      if (problem) ctx.addIssue({ code: "custom", path: [f], message: problem });
    }
  };
}
