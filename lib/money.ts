import { Decimal } from "decimal.js";

// Stored unit: 万元. 1 亿元 = 10000 万元. All arithmetic is decimal; never Number().
export type MoneyUnit = "wan" | "yi";
export const WAN_PER_YI = new Decimal(10000);

export function yiToWan(yi: string | Decimal): Decimal {
  return new Decimal(yi).mul(WAN_PER_YI);
}

export function toDecimal(value: { toString(): string } | string | null | undefined): Decimal | null {
  return value === null || value === undefined ? null : new Decimal(value.toString());
}

// A stored amount as its plain exact string ("285800", "12.5"), null when unknown: the form in which
// amounts are compared (audit diffs, import previews) and put into form fields.
export function exactString(value: { toString(): string } | null | undefined): string | null {
  return value === null || value === undefined ? null : new Decimal(value.toString()).toFixed();
}

// Amount in the chosen display unit, as an exact string without trailing zeros.
export function inUnit(wan: Decimal | null, unit: MoneyUnit): Decimal | null {
  if (wan === null) return null;
  return unit === "yi" ? wan.div(WAN_PER_YI) : wan;
}

export function formatMoney(wan: { toString(): string } | null | undefined, unit: MoneyUnit, digits = unit === "yi" ? 4 : 2): string {
  const d = toDecimal(wan);
  if (d === null) return "—";
  const v = inUnit(d, unit)!;
  // Show the exact value, trimmed; never more than `digits` decimals (4 for 亿元 keeps 万元 precision).
  const fixed = v.toDecimalPlaces(digits).toFixed();
  const [int, frac] = fixed.split(".");
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return frac ? `${grouped}.${frac}` : grouped;
}

export const UNIT_LABEL: Record<MoneyUnit, string> = { wan: "万元", yi: "亿元" };

// A typed amount ("" never reaches here) in the given unit, as the exact 万元 string stored.
export function toWan(typed: string, unit: MoneyUnit): string {
  return (unit === "yi" ? yiToWan(typed) : new Decimal(typed)).toFixed();
}

// A typed amount converted between the display units, exactly (forms that switch 万元 ↔ 亿元).
export function convertTyped(typed: string, from: MoneyUnit, to: MoneyUnit): string {
  if (from === to) return typed;
  return (to === "yi" ? new Decimal(typed).div(WAN_PER_YI) : new Decimal(typed).mul(WAN_PER_YI)).toFixed();
}
