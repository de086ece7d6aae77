import "server-only";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { exactString, toWan } from "@/lib/money";
import type { projectUpdateSchema } from "@/lib/schemas/project-update";
import { diffFields, type FieldChange } from "@/lib/server/audit/record-audit";
import type { z } from "zod";

// The facts of a project that count in official figures (总投资, 建设周期, 建设单位, name, unit,
// category): changed directly by the plan office, or through a reviewed 调整申请 by officers. Values
// travel as strings (decimals exact in 万元), as in the audit trail.
type Tx = Prisma.TransactionClient;
export const FACT_FIELDS = ["name", "owner", "startYear", "endYear", "totalInvestment", "unitId", "sectionId"] as const;
type Facts = Record<(typeof FACT_FIELDS)[number], string | number | null>;

type Current = {
  id: number;
  planId: number;
  parentId: number | null;
  name: string;
  owner: string | null;
  startYear: number | null;
  endYear: number | null;
  totalInvestment: unknown;
  unitId: number | null;
  sectionId: number;
};

export function factsOf(p: Current): Facts {
  return {
    name: p.name,
    owner: p.owner,
    startYear: p.startYear,
    endYear: p.endYear,
    totalInvestment: exactString(p.totalInvestment as never),
    unitId: p.unitId,
    sectionId: p.sectionId,
  };
}

// The typed facts, checked against the project: unit and category of its own plan, no money on a sub-project.
export async function typedFacts(tx: Tx, current: Current, v: z.infer<typeof projectUpdateSchema>): Promise<Facts> {
  const totalInvestment = v.totalInvestment === "" ? null : toWan(v.totalInvestment, v.moneyUnit);
  if (current.parentId && totalInvestment !== null) {
    throw new AppError("VALIDATION", "子项目的投资计入上级打包项目，不能单独填写。", { totalInvestment: ["子项目不单独填写总投资"] });
  }
  if (v.unitId !== null && !(await tx.reportingUnit.findFirst({ where: { id: v.unitId, planId: current.planId, retiredAt: null }, select: { id: true } }))) {
    throw new AppError("VALIDATION", "所选填报单位不属于该规划。", { unitId: ["请选择该规划的填报单位"] });
  }
  if (!(await tx.section.findFirst({ where: { id: v.sectionId, planId: current.planId }, select: { id: true } }))) {
    throw new AppError("VALIDATION", "所选类别不属于该规划。", { sectionId: ["请选择该规划的类别"] });
  }
  return { name: v.name, owner: v.owner || null, startYear: v.startYear, endYear: v.endYear, totalInvestment, unitId: v.unitId, sectionId: v.sectionId };
}

export function factChanges(current: Current, next: Facts): FieldChange[] {
  return diffFields(factsOf(current), next, [...FACT_FIELDS]);
}

// Applies fact changes to the project version they were based on; the sub-projects of a bundle move
// with it to another unit or category. Returns false when the project changed meanwhile.
export async function applyFacts(
  tx: Tx,
  projectId: number,
  baseVersion: number,
  changes: FieldChange[],
  extra: Prisma.ProjectUpdateManyMutationInput = {},
): Promise<boolean> {
  const data: Record<string, unknown> = {};
  for (const c of changes) data[c.field] = c.new === null ? null : ["startYear", "endYear", "unitId", "sectionId"].includes(c.field) ? Number(c.new) : c.new;
  const updated = await tx.project.updateMany({
    where: { id: projectId, version: baseVersion, deletedAt: null },
    data: { ...data, ...extra, version: { increment: 1 } },
  });
  if (updated.count === 0) return false;
  const follow = Object.fromEntries(Object.entries(data).filter(([k]) => k === "unitId" || k === "sectionId"));
  if (Object.keys(follow).length) await tx.project.updateMany({ where: { parentId: projectId }, data: follow });
  return true;
}
