import "server-only";
import { Decimal } from "decimal.js";
import { AMOUNT_PATTERN } from "@/lib/excel/appendix-rules.mjs";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { zhExcel } from "@/lib/i18n/zh-CN-excel";
import { exactString } from "@/lib/money";
import { storedWanOfCell } from "@/lib/schemas/money";
import { ANNUAL_FIELD } from "@/lib/server/annual-plans/proposal";
import { recordAuditMany } from "@/lib/server/audit/record-audit";
import type { Field, Interpreted } from "./interpret";
import type { Plan } from "./plan-changes";

// A 年度投资计划 sheet: each row sets (下达) one project's official annual plan for one year, as a
// direct change by the plan office. Rows match projects by 项目编号, else by 单位 + 项目名称 (reporting
// lines only); the preview shows each amount old → new; confirm writes them all or none, only where
// the amount is still as previewed.
export type AnnualPlanOp = { projectId: number; year: number; old: string | null; amount: string; version: number | null; at: number; unitId: number | null };

const R = zhExcel.reasons;

export async function annualPlanChanges(planId: number, file: Interpreted): Promise<Plan & { annualPlans: AnnualPlanOp[] }> {
  const [units, projects] = await Promise.all([
    db.reportingUnit.findMany({ where: { planId, retiredAt: null }, select: { id: true, name: true } }),
    db.project.findMany({
      where: { planId, deletedAt: null },
      select: {
        id: true,
        key: true,
        name: true,
        unitId: true,
        parentId: true,
        kind: true,
        annualPlans: { select: { year: true, amount: true, version: true } },
      },
    }),
  ]);
  const unitByName = new Map(units.map((u) => [u.name, u.id]));
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const byKey = new Map(projects.map((p) => [p.key, p]));
  const plan: Plan & { annualPlans: AnnualPlanOp[] } = {
    rows: [],
    creates: [],
    updates: [],
    annualPlans: [],
    counts: { new: 0, changed: 0, unchanged: 0, rejected: 0 },
  };
  const seen = new Map<string, number>();

  for (const r of file.rows) {
    const reasons: { column: string; message: string }[] = [];
    const reject = (f: Field, message: string) => reasons.push({ column: r.columns[f] ?? zhExcel.fields[f] ?? f, message });
    const name = r.values.name ?? "";
    const key = r.values.key;
    let match: (typeof projects)[number] | undefined;
    if (key) match = byKey.get(key);
    else if (name) {
      const unitId = r.values.unit ? unitByName.get(r.values.unit) : undefined;
      if (r.values.unit && unitId === undefined)
        reject(
          "unit",
          R.unknownUnit(
            r.values.unit,
            units.map((u) => u.name),
          ),
        );
      const named = projects.filter((p) => p.name === name && (r.values.unit === undefined || p.unitId === (unitId ?? null)));
      // A reporting line of that name if there is one; a sub-project is found only to say why it is refused.
      const lines = named.filter((p) => p.parentId === null);
      const candidates = lines.length ? lines : named;
      if (candidates.length > 1) reject("name", R.ambiguous(candidates.length));
      match = candidates.length === 1 ? candidates[0] : undefined;
    }
    if (!match && reasons.length === 0) reject(key ? "key" : "name", key ? R.unknownKey(key) : name ? R.projectNotFound : R.nameMissing);
    if (match && (match.parentId !== null || match.kind !== "PROJECT")) reject("name", R.notReportingLine);

    const yearText = (r.values.year ?? "").replace(/年$/, "");
    const year = /^\d{4}$/.test(yearText) && Number(yearText) >= 2000 && Number(yearText) <= 2100 ? Number(yearText) : null;
    if (year === null) reject("year", R.badYear(r.values.year ?? ""));

    const raw = typeof r.annual === "number" ? String(r.annual) : (r.values.annual ?? "").replace(/[,，\s]/g, "");
    let amount: string | null = null;
    if (raw === "") reject("annual", R.annualMissing);
    else if (!AMOUNT_PATTERN.test(raw) && !(typeof r.annual === "number" && r.annual >= 0)) reject("annual", R.annualNotNumber(r.values.annual ?? ""));
    else {
      amount = storedWanOfCell(typeof r.annual === "number" ? r.annual : raw, file.moneyUnit ?? "wan");
      if (amount === null) reject("annual", R.annualTooBig(r.values.annual ?? raw));
    }
    if (match && year !== null && reasons.length === 0) {
      const id = `${match.id}|${year}`;
      if (seen.has(id)) reject(key ? "key" : "name", R.duplicate(`第 ${seen.get(id)} 行`));
      else seen.set(id, r.row);
    }

    const base = {
      sheet: r.sheet,
      row: r.row,
      name: match?.name ?? name,
      unit: match ? (match.unitId === null ? null : (unitName.get(match.unitId) ?? null)) : (r.values.unit ?? null),
      projectId: match?.id,
    };
    if (reasons.length || !match || year === null || amount === null) {
      plan.rows.push({ ...base, state: "rejected", reasons });
      plan.counts.rejected++;
      continue;
    }
    const current = match.annualPlans.find((a) => a.year === year);
    const old = current ? exactString(current.amount) : null;
    if (old !== null && new Decimal(old).eq(amount)) {
      plan.rows.push({ ...base, state: "unchanged" });
      plan.counts.unchanged++;
      continue;
    }
    const state = old === null ? "new" : "changed";
    plan.annualPlans.push({ projectId: match.id, year, old, amount, version: current?.version ?? null, at: plan.rows.length, unitId: match.unitId });
    plan.rows.push({ ...base, state, changes: [{ field: ANNUAL_FIELD(year), old, new: amount }] });
    plan.counts[state]++;
  }
  return plan;
}

// Confirm: every previewed amount, guarded by the version the preview saw (a row created or changed
// since → false, and the caller writes nothing). Open proposals are closed by the 下达.
export async function writeAnnualPlans(
  tx: Prisma.TransactionClient,
  ops: AnnualPlanOp[],
  ctx: { actorId: number; planId: number; reason: string },
): Promise<boolean> {
  const now = new Date();
  for (const op of ops) {
    const data = {
      amount: op.amount,
      approvedAt: now,
      approvedById: ctx.actorId,
      proposedAmount: null,
      proposalStatus: null,
      proposalReportId: null,
      reviewComment: null,
    };
    if (op.version === null) {
      const exists = await tx.annualPlanAmount.findUnique({ where: { projectId_year: { projectId: op.projectId, year: op.year } }, select: { id: true } });
      if (exists) return false;
      await tx.annualPlanAmount.create({ data: { projectId: op.projectId, year: op.year, ...data } });
    } else {
      const updated = await tx.annualPlanAmount.updateMany({
        where: { projectId: op.projectId, year: op.year, version: op.version },
        data: { ...data, version: { increment: 1 } },
      });
      if (updated.count === 0) return false;
    }
  }
  if (ops.length === 0) return true;
  const rows = await tx.annualPlanAmount.findMany({
    where: { OR: ops.map((o) => ({ projectId: o.projectId, year: o.year })) },
    select: { id: true, projectId: true, year: true, version: true },
  });
  const idOf = new Map(rows.map((r) => [`${r.projectId}|${r.year}`, r]));
  await recordAuditMany(
    tx,
    ops.map((o) => {
      const row = idOf.get(`${o.projectId}|${o.year}`)!;
      return {
        actorId: ctx.actorId,
        action: "annualPlan.set",
        entityType: "AnnualPlanAmount",
        entityId: row.id,
        planId: ctx.planId,
        unitId: o.unitId,
        entityVersion: row.version,
        changes: [{ field: ANNUAL_FIELD(o.year), old: o.old, new: o.amount }],
        reason: ctx.reason,
      };
    }),
  );
  return true;
}
