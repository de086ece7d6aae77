import type { MoneyUnit } from "./money";

// The reader's money-unit choice, kept for a year in a cookie that the server reads
// (lib/ui/money-unit.ts): the page-wide switch and the report form's unit both set it, so every
// page and form follows the last choice; until one is made, a plan's own unit applies.
export const MONEY_COOKIE = "money-unit";

export function rememberMoneyUnit(next: MoneyUnit) {
  document.cookie = `${MONEY_COOKIE}=${next}; path=/; max-age=31536000; samesite=lax`;
}
