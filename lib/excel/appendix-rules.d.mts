export function splitOnDunhao(s: string): string[];
export function parseCategory(text: string): { title: string; declared: number | null };
export function parsePeriod(text: string): { startYear: number; endYear: number } | null;
export const AMOUNT_PATTERN: RegExp;
