import { Decimal } from "decimal.js";
import { inUnit, type MoneyUnit } from "@/lib/money";
import type { GroupRow } from "@/lib/server/rollups/group-rollup";

// Bar heights and line points need numbers. This is the one place a money value becomes a float,
// for drawing only: every label and tooltip shows the exact decimal string (formatMoney).
export function chartNumber(wan: string | null, unit: MoneyUnit): number {
  return wan === null ? 0 : inUnit(new Decimal(wan), unit)!.toNumber();
}

// Every colour reaches 3:1 against white (WCAG 1.4.11, graphics); the lightest, #0891b2, 3.68:1.
export const PALETTE = [
  "#0369a1",
  "#0d9488",
  "#854d0e",
  "#c2410c",
  "#7c3aed",
  "#be185d",
  "#4d7c0f",
  "#475569",
  "#0891b2",
  "#b45309",
  "#9333ea",
  "#15803d",
  "#dc2626",
  "#1d4ed8",
  "#a16207",
];

export const METRICS = ["totalWan", "annualPlanWan", "completedYearWan", "completedToDateWan", "fundsYearWan"] as const;
export type Metric = (typeof METRICS)[number];
// What the unit chart needs of a group row (the page passes only this, to keep the payload small).
export type ChartGroup = Pick<GroupRow, "key" | "name" | Metric>;
export const chartGroup = (r: GroupRow): ChartGroup => ({
  key: r.key,
  name: r.name,
  totalWan: r.totalWan,
  annualPlanWan: r.annualPlanWan,
  completedYearWan: r.completedYearWan,
  completedToDateWan: r.completedToDateWan,
  fundsYearWan: r.fundsYearWan,
});
