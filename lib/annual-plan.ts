import { exactString, formatMoney } from "./money";

type Row = { amount: { toString(): string } | null; proposedAmount: { toString(): string } | null; proposalStatus: string | null } | null | undefined;

const STATE: Record<string, string> = { DRAFT: "草稿", SUBMITTED: "待审核", RETURNED: "已退回" };

// What an officer's form shows for a year's 年度计划投资: their open proposal if any, else the official figure.
export function editableAnnualPlan(row: Row): string {
  if (!row) return "";
  return (row.proposalStatus ? exactString(row.proposedAmount) : exactString(row.amount)) ?? "";
}

// "已审核 500 万元 · 申报 600 万元（待审核）", said next to the field on forms.
export function annualPlanState(row: Row): string {
  if (!row) return "尚无已审核的年度计划";
  const official = row.amount === null ? "尚无已审核数" : `已审核 ${formatMoney(row.amount, "wan")} 万元`;
  return row.proposalStatus ? `${official} · 申报 ${formatMoney(row.proposedAmount, "wan")} 万元（${STATE[row.proposalStatus]}）` : official;
}
