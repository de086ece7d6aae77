import type { MoneyUnit } from "./money";

// The reader's money-unit choice, kept for a year in a cookie that the server reads
// (lib/ui/money-unit.ts): the page-wide switch and the report form's unit both set it, so every
// page and form follows the last choice; until one is made, a plan's own unit applies.
export const MONEY_COOKIE = "money-unit";
export const MONEY_COOKIE_MAX_AGE_S = 365 * 24 * 3600;

export function rememberMoneyUnit(next: MoneyUnit) {
  document.cookie = `${MONEY_COOKIE}=${next}; path=/; max-age=${MONEY_COOKIE_MAX_AGE_S}; samesite=lax`;
}
