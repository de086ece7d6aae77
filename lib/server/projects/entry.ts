import "server-only";
import { AppError } from "@/lib/errors";
import type { Prisma, Project } from "@/lib/generated/prisma/client";
import { exactString, toWan } from "@/lib/money";
import { FUNDING_FIELDS, type ProjectEntry } from "@/lib/schemas/project-entry";
import { assertPlanWritable } from "@/lib/server/plans/plan-writable";

// What create-project.ts and resubmit-project.ts share: the columns of an entered project and the
// checks of where it goes. Amounts are stored in 万元 and compared as exact strings (as in the audit).
type Tx = Prisma.TransactionClient;

export const ENTRY_FIELDS = [
  "name",
  "owner",
  "nature",
  "startYear",
  "endYear",
  "totalInvestment",
  ...FUNDING_FIELDS,
  "scope",
  "approvalCode",
  "unitId",
  "sectionId",
  "parentId",
] as const;
type EntryColumns = Record<(typeof ENTRY_FIELDS)[number], string | number | null>;

export function entryColumns(v: ProjectEntry) {
  const wan = (s: string) => (s === "" ? null : toWan(s, v.moneyUnit));
  return {
    name: v.name,
    owner: v.owner,
    nature: v.nature,
    startYear: v.startYear,
    endYear: v.endYear,
    totalInvestment: wan(v.totalInvestment),
    fundingCentral: wan(v.fundingCentral),
    fundingProvincial: wan(v.fundingProvincial),
    fundingLocal: wan(v.fundingLocal),
    fundingSpecialBond: wan(v.fundingSpecialBond),
    fundingSelf: wan(v.fundingSelf),
    scope: v.scope,
    approvalCode: v.approvalCode || null,
    unitId: v.unitId,
    sectionId: v.sectionId,
    parentId: v.parentId,
  } satisfies EntryColumns;
}

const MONEY = new Set<string>(["totalInvestment", ...FUNDING_FIELDS]);

// A stored project in the same shape, for the audit diff of an edit.
export function storedColumns(p: Project): EntryColumns {
  return Object.fromEntries(
    ENTRY_FIELDS.map((f) => [f, MONEY.has(f) ? exactString(p[f] as Prisma.Decimal | null) : (p[f] as string | number | null)]),
  ) as EntryColumns;
}

const invalid = (field: string, message: string) => new AppError("VALIDATION", message, { [field]: [message] });

// Where an entered project goes: a unit of its plan that is not retired, a category of it, and
// optionally under a bundle line of the same plan, unit and category. The caller holds lockEntry's
// locks, so the plan is not archived, no unit retires and no same-named project appears meanwhile.
export async function checkPlacement(tx: Tx, v: ProjectEntry, self?: number) {
  const unit = await tx.reportingUnit.findFirst({ where: { id: v.unitId, planId: v.planId }, select: { retiredAt: true } });
  if (!unit) throw invalid("unitId", "所选填报单位不属于该规划");
  if (unit.retiredAt) throw invalid("unitId", "该填报单位已撤销或合并，请选择现有单位");
  if (!(await tx.section.findFirst({ where: { id: v.sectionId, planId: v.planId }, select: { id: true } }))) throw invalid("sectionId", "所选类别不属于该规划");
  if (v.parentId !== null) {
    const parent = await tx.project.findFirst({
      where: { id: v.parentId, planId: v.planId, deletedAt: null },
      select: { id: true, parentId: true, kind: true, unitId: true, sectionId: true, endPeriod: true },
    });
    if (!parent || parent.id === self || parent.parentId !== null || parent.kind !== "PROJECT" || parent.unitId !== v.unitId) {
      throw invalid("parentId", "请选择本规划、本单位的打包项目（顶层项目）");
    }
    if (parent.endPeriod !== null) throw invalid("parentId", "该打包项目已调出，不能再添加子项目");
    if (parent.sectionId !== v.sectionId) throw invalid("sectionId", "子项目的类别须与打包项目一致");
  }
  const twin = await tx.project.findFirst({
    where: { planId: v.planId, unitId: v.unitId, name: v.name, deletedAt: null, ...(self && { id: { not: self } }) },
    select: { id: true },
  });
  if (twin) throw invalid("name", `本单位在该规划中已有同名项目（#${twin.id}）`);
}

// The plan must be writable (not archived; held FOR SHARE); the unit's row lock serialises entries
// into one unit (the duplicate-name check) and excludes its retirement. Plan first, as retire-unit does.
export async function lockEntry(tx: Tx, planId: number, unitId: number) {
  await assertPlanWritable(tx, planId);
  await tx.$queryRaw`SELECT id FROM "ReportingUnit" WHERE id = ${unitId} FOR UPDATE`;
}
