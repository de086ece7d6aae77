import { editableAnnualPlan } from "./annual-plan";
import { exactString } from "./money";
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
export function reportFormDefaults(projectId: number, period: string, current: CurrentReport, annual: AnnualRow) {
  return {
    projectId,
    period,
    version: current?.version,
    moneyUnit: "wan" as const,
    completedAmount: wan(current?.completedAmount),
    annualPlan: editableAnnualPlan(annual),
    fundsCentral: wan(current?.fundsCentral),
    fundsProvincial: wan(current?.fundsProvincial),
    fundsLocal: wan(current?.fundsLocal),
    fundsSpecialBond: wan(current?.fundsSpecialBond),
    fundsSelf: wan(current?.fundsSelf),
    progressPercent: wan(current?.progressPercent),
    progressText: current?.progressText ?? "",
    problems: current?.problems ?? "",
    nextSteps: current?.nextSteps ?? "",
    outOfPeriodReason: current?.outOfPeriodReason ?? "",
    correctionReason: "",
    submit: false,
  };
}
