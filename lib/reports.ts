import { editableAnnualPlan } from "./annual-plan";
import { convertTyped, exactString, type MoneyUnit } from "./money";
import { periodYear } from "./periods";

// Rules of a progress report shared by the server operation, the report form and the grid.

// A period outside the project's build period needs a reason (续建 and 前期 work are reported too).
export function outsideBuildPeriod(project: { startYear: number | null; endYear: number | null }, period: string): boolean {
  const year = periodYear(period);
  return (project.startYear !== null && year < project.startYear) || (project.endYear !== null && year > project.endYear);
}

type Stored = { toString(): string } | null | undefined;
type CurrentReport =
  | {
      version: number;
      completedAmount: Stored;
      fundsCentral: Stored;
      fundsProvincial: Stored;
      fundsLocal: Stored;
      fundsSpecialBond: Stored;
      fundsSelf: Stored;
      progressPercent: Stored;
      progressText: string | null;
      problems: string | null;
      nextSteps: string | null;
      outOfPeriodReason: string | null;
    }
  | null
  | undefined;
type AnnualRow = Parameters<typeof editableAnnualPlan>[0];

const wan = (v: Stored) => exactString(v) ?? "";

// What the report form and each grid row start from: the period's current report in 万元 (a new
// one is empty), and the annual plan the officer may edit (their open proposal, else the official one).
export function reportFormDefaults(projectId: number, period: string, current: CurrentReport, annual: AnnualRow, unit: MoneyUnit = "wan") {
  // Amounts start in the reader's unit (converted exactly; the server converts back on saving).
  const money = (v: Stored | string) => {
    const s = typeof v === "string" ? v : wan(v);
    return s === "" ? "" : convertTyped(s, "wan", unit);
  };
  return {
    projectId,
    period,
    version: current?.version,
    moneyUnit: unit,
    completedAmount: money(current?.completedAmount),
    annualPlan: money(editableAnnualPlan(annual)),
    fundsCentral: money(current?.fundsCentral),
    fundsProvincial: money(current?.fundsProvincial),
    fundsLocal: money(current?.fundsLocal),
    fundsSpecialBond: money(current?.fundsSpecialBond),
    fundsSelf: money(current?.fundsSelf),
    progressPercent: wan(current?.progressPercent),
    progressText: current?.progressText ?? "",
    problems: current?.problems ?? "",
    nextSteps: current?.nextSteps ?? "",
    outOfPeriodReason: current?.outOfPeriodReason ?? "",
    correctionReason: "",
    submit: false,
  };
}
