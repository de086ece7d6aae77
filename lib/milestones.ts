import { chinaToday, chinaYear, daysBetween, formatDate } from "@/lib/dates";

// Milestone template and computed flags (pure: used by the seed, imports, pages and tests).
export const MILESTONE_TEMPLATE: { code: string | null; name: string }[] = [
  { code: null, name: "立项" },
  { code: null, name: "可研批复" },
  { code: null, name: "初步设计批复" },
  { code: null, name: "用地手续" },
  { code: null, name: "施工许可" },
  { code: "START", name: "开工" },
  { code: null, name: "主体完工" },
  { code: "COMPLETE", name: "竣工验收" },
  { code: "IN_USE", name: "投用" },
];

export const DUE_SOON_DAYS = 30;

export type MilestoneFlag = "DONE" | "DONE_LATE" | "OVERDUE" | "DUE_SOON" | null;

// Dates are DATE columns; `now` is an instant, read as China's calendar day.
export function milestoneFlag(m: { plannedDate: Date | null; actualDate: Date | null }, now: Date = new Date()): MilestoneFlag {
  if (m.actualDate) return m.plannedDate && formatDate(m.actualDate) > formatDate(m.plannedDate) ? "DONE_LATE" : "DONE";
  if (!m.plannedDate) return null;
  const diff = daysBetween(chinaToday(now), formatDate(m.plannedDate));
  if (diff < 0) return "OVERDUE";
  return diff <= DUE_SOON_DAYS ? "DUE_SOON" : null;
}

export const FLAG_LABEL: Record<Exclude<MilestoneFlag, null>, string> = {
  DONE: "已完成",
  DONE_LATE: "延期完成",
  OVERDUE: "已逾期",
  DUE_SOON: "30天内到期",
};

export type ProjectStatusName = "PREPARATION" | "CONSTRUCTION" | "COMPLETED" | "IN_USE";

// The status the milestones imply: 前期 → 在建 (开工 done) → 竣工 (竣工验收 done) → 投用 (投用 done).
export function statusFromMilestones(ms: { code: string | null; actualDate: Date | null }[]): ProjectStatusName {
  const done = (code: string) => ms.some((m) => m.code === code && m.actualDate);
  if (done("IN_USE")) return "IN_USE";
  if (done("COMPLETE")) return "COMPLETED";
  if (done("START")) return "CONSTRUCTION";
  return "PREPARATION";
}

// A project whose build period has ended (by China's year) but is not completed.
export function pastBuildPeriod(p: { endYear: number | null; status: string }, now: Date = new Date()): boolean {
  return p.endYear !== null && p.endYear < chinaYear(now) && p.status !== "COMPLETED" && p.status !== "IN_USE";
}
