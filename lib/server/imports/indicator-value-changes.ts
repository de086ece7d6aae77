import "server-only";
import { Decimal } from "decimal.js";
import { chinaYear } from "@/lib/dates";
import { db } from "@/lib/db";
import { unneutralise } from "@/lib/excel/neutralise";
import type { Prisma, ReportStatus } from "@/lib/generated/prisma/client";
import { REGION_SCOPE, zhIndicatorImport } from "@/lib/i18n/zh-CN-indicator-import";
import { recordAuditMany, type AuditInput, type FieldChange } from "@/lib/server/audit/record-audit";
import type { IndicatorCell } from "./indicator-sheet";
import type { Interpreted } from "./interpret";
import type { Plan } from "./plan-changes";

// An indicator-values sheet (indicator-sheet.ts): each non-blank cell is one monitoring value of one
// indicator, scope (the region or a unit) and year. The preview compares it with the current value
// (the newest revision, approved or not): equal → unchanged; otherwise new / changed, or rejected with
// the reason. The same rules as entering one value (save-indicator-value.ts): no future year, none
// before the indicator's first year, a value NUMERIC(18,4) holds, a 数据来源. Confirm writes every
// previewed cell as a SUBMITTED value (a proposal, reviewed like any value): a submitted or returned
// one in place, an approved one by a correction revision ("导入批次 #n"), the approved one staying
// official until the correction is approved — all or none, only where the current revision is still
// the one the preview saw.
export type IndicatorValueOp = {
  indicatorId: number;
  unitId: number | null;
  year: number;
  old: string | null;
  value: string;
  dataSource: string;
  current: { id: number; version: number; status: ReportStatus; revision: number; dataSource: string } | null;
  at: number; // index of the preview row
};

const R = zhIndicatorImport.reasons;
const VALUE = /^-?\d{1,14}(\.\d{1,4})?$/;
const DATA_SOURCE_MAX = 100;
const key = (indicatorId: number, unitId: number | null, year: number) => `${indicatorId}|${unitId ?? ""}|${year}`;
const norm = (s: string) => s.replace(/[\s\u3000]/g, "");

// A cell as the value stored: a numeric cell is a binary float (=A1/3 gives 0.3333333333333333), so it
// is rounded to the column's 4 decimals; a text cell is taken as typed (more decimals are refused).
export function indicatorValueOfCell(raw: IndicatorCell["raw"]): { value: string } | { error: string } {
  if (typeof raw === "number") {
    if (!Number.isFinite(raw)) return { error: R.notNumber(String(raw)) };
    const value = new Decimal(raw).toDecimalPlaces(4).toFixed();
    return VALUE.test(value) ? { value } : { error: R.tooBig(String(raw)) };
  }
  const typed = unneutralise(String(raw ?? "").trim());
  const s = typed.replace(/[,，\s]/g, "");
  if (VALUE.test(s)) return { value: new Decimal(s).toFixed() };
  return /^-?\d+(\.\d+)?$/.test(s) ? { error: R.tooBig(typed) } : { error: R.notNumber(typed) };
}

export async function indicatorValueChanges(planId: number, file: Interpreted): Promise<Plan & { indicatorValues: IndicatorValueOp[] }> {
  const [plan, indicators, units, values] = await Promise.all([
    db.plan.findUniqueOrThrow({ where: { id: planId }, select: { periodStart: true } }),
    db.indicator.findMany({ where: { planId, deletedAt: null }, select: { id: true, name: true, shortName: true, baselineYear: true } }),
    db.reportingUnit.findMany({ where: { planId, retiredAt: null }, orderBy: [{ sortOrder: "asc" }, { id: "asc" }], select: { id: true, name: true } }),
    db.indicatorValue.findMany({
      where: { indicator: { planId, deletedAt: null }, OR: [{ isCurrent: true }, { isOfficial: true }] },
      select: {
        id: true,
        indicatorId: true,
        unitId: true,
        year: true,
        value: true,
        status: true,
        version: true,
        revision: true,
        isCurrent: true,
        isOfficial: true,
        dataSource: true,
      },
    }),
  ]);
  const current = new Map(values.filter((v) => v.isCurrent).map((v) => [key(v.indicatorId, v.unitId, v.year), v]));
  const official = new Map(values.filter((v) => v.isOfficial).map((v) => [key(v.indicatorId, v.unitId, v.year), v]));
  const byId = new Map(indicators.map((i) => [i.id, i]));
  const byName = new Map<string, typeof indicators>();
  for (const i of indicators) for (const n of new Set([norm(i.name), norm(i.shortName)])) byName.set(n, [...(byName.get(n) ?? []), i]);
  const unitByName = new Map(units.map((u) => [u.name, u.id]));
  const thisYear = chinaYear();
  const out: Plan & { indicatorValues: IndicatorValueOp[] } = {
    rows: [],
    creates: [],
    updates: [],
    indicatorValues: [],
    counts: { new: 0, changed: 0, unchanged: 0, rejected: 0 },
  };
  const seen = new Map<string, number>(); // indicator|scope → row

  for (const r of file.indicatorRows ?? []) {
    const reasons: { column: string; message: string }[] = [];
    const nameColumn = r.columns.name ?? r.columns.key ?? zhIndicatorImport.header.name;
    // Which indicator: by 指标编号 (the name, when given too, must be its), else by the name as printed
    // or without its unit.
    let indicator: (typeof indicators)[number] | undefined;
    if (r.key) {
      indicator = /^\d{1,9}$/.test(r.key) ? byId.get(Number(r.key)) : undefined;
      if (!indicator) reasons.push({ column: r.columns.key!, message: R.unknownKey(r.key) });
      else if (r.name && norm(r.name) !== norm(indicator.name) && norm(r.name) !== norm(indicator.shortName))
        reasons.push({ column: nameColumn, message: R.keyNameMismatch(r.key, indicator.name) });
    } else if (r.name) {
      const candidates = byName.get(norm(r.name)) ?? [];
      if (candidates.length > 1) reasons.push({ column: nameColumn, message: R.ambiguous(candidates.length) });
      else if (candidates.length === 0) reasons.push({ column: nameColumn, message: R.unknownName(r.name) });
      else indicator = candidates[0];
    } else reasons.push({ column: nameColumn, message: R.nameMissing });
    // Which scope: the region, or a unit of the plan.
    let unitId: number | null = null;
    const scope = r.scope ?? "";
    if (scope !== "" && scope !== REGION_SCOPE) {
      if (unitByName.has(scope)) unitId = unitByName.get(scope)!;
      else
        reasons.push({
          column: r.columns.scope!,
          message: R.unknownScope(
            scope,
            units.map((u) => u.name),
          ),
        });
    }
    if (indicator && reasons.length === 0) {
      const id = `${indicator.id}|${unitId ?? ""}`;
      if (seen.has(id)) reasons.push({ column: nameColumn, message: R.duplicate(seen.get(id)!) });
      else seen.set(id, r.row);
    }
    const base = {
      sheet: r.sheet,
      row: r.row,
      name: indicator?.name ?? r.name ?? r.key ?? "",
      unit: unitId === null ? null : scope,
      indicatorId: indicator?.id,
    };
    if (!indicator || reasons.length) {
      out.rows.push({ ...base, state: "rejected", reasons });
      out.counts.rejected++;
      continue;
    }

    const first = indicator.baselineYear ?? plan.periodStart - 1;
    const dataSource = r.dataSource;
    for (const cell of r.cells) {
      const at = { ...base, year: cell.year };
      const reject = (column: string, message: string) => {
        out.rows.push({ ...at, state: "rejected", reasons: [{ column, message }] });
        out.counts.rejected++;
      };
      const parsed = indicatorValueOfCell(cell.raw);
      if ("error" in parsed) {
        reject(cell.column, parsed.error);
        continue;
      }
      if (cell.year > thisYear) {
        reject(cell.column, R.future(cell.year));
        continue;
      }
      if (cell.year < first) {
        reject(cell.column, R.beforeBaseline(cell.year, first));
        continue;
      }
      const now = current.get(key(indicator.id, unitId, cell.year));
      const approved = official.get(key(indicator.id, unitId, cell.year));
      // Equal to the current value; or equal to the official one while a proposal waits (the template
      // carries official values: a cell left as exported does not undo a pending correction).
      if ((now && now.value.eq(parsed.value)) || (now && now.status !== "APPROVED" && approved?.value.eq(parsed.value))) {
        out.rows.push({ ...at, state: "unchanged" });
        out.counts.unchanged++;
        continue;
      }
      if (dataSource === "") {
        reject(r.columns.dataSource, R.dataSourceMissing);
        continue;
      }
      if (dataSource.length > DATA_SOURCE_MAX) {
        reject(r.columns.dataSource, R.dataSourceTooLong);
        continue;
      }
      const old = now ? now.value.toFixed() : null;
      const changes: FieldChange[] = [{ field: "value", old, new: parsed.value }];
      if ((now?.dataSource ?? null) !== dataSource) changes.push({ field: "dataSource", old: now?.dataSource ?? null, new: dataSource });
      const state = now ? "changed" : "new";
      out.indicatorValues.push({
        indicatorId: indicator.id,
        unitId,
        year: cell.year,
        old,
        value: parsed.value,
        dataSource,
        current: now ? { id: now.id, version: now.version, status: now.status, revision: now.revision, dataSource: now.dataSource } : null,
        at: out.rows.length,
      });
      out.rows.push({ ...at, state, changes, ...(now?.status === "APPROVED" && { correction: true }) });
      out.counts[state]++;
    }
  }
  return out;
}

// Confirm: every previewed value, each only where the year's current revision is still the one the
// preview saw (else false, and the caller writes nothing). The indicators are locked first, in id
// order — the lock saveIndicatorValue takes — so no value of theirs appears meanwhile; a review (which
// does not take it) is caught by the version and status each statement is conditional on. One
// statement per kind of write (a plan's template is thousands of cells), whatever the file's size.
export async function writeIndicatorValues(
  tx: Prisma.TransactionClient,
  ops: IndicatorValueOp[],
  ctx: { actorId: number; planId: number; batchId: number; reason: string },
): Promise<boolean> {
  if (ops.length === 0) return true;
  const ids = [...new Set(ops.map((o) => o.indicatorId))].sort((a, b) => a - b);
  const locked = await tx.$queryRaw<{ id: number }[]>`
    SELECT id FROM "Indicator" WHERE id = ANY(${ids}) AND "planId" = ${ctx.planId} AND "deletedAt" IS NULL ORDER BY id FOR UPDATE`;
  if (locked.length !== ids.length) return false;
  const unitIds = [...new Set(ops.map((o) => o.unitId).filter((u): u is number => u !== null))];
  if (unitIds.length && (await tx.reportingUnit.count({ where: { id: { in: unitIds }, planId: ctx.planId, retiredAt: null } })) !== unitIds.length)
    return false;
  const rows = await tx.indicatorValue.findMany({
    where: { indicatorId: { in: ids }, isCurrent: true },
    select: { id: true, indicatorId: true, unitId: true, year: true },
  });
  const now = new Map(rows.map((r) => [key(r.indicatorId, r.unitId, r.year), r.id]));
  // A value the preview saw as new has appeared, or the current revision is another one.
  if (ops.some((o) => now.get(key(o.indicatorId, o.unitId, o.year)) !== o.current?.id)) return false;

  const edits = ops.filter((o) => o.current !== null && o.current.status !== "APPROVED");
  const corrections = ops.filter((o) => o.current?.status === "APPROVED");
  const fresh = ops.filter((o) => o.current === null);
  // A submitted or returned value: edited in place, submitted again.
  if (edits.length) {
    const updated = await tx.$executeRaw`
      UPDATE "IndicatorValue" v SET value = x.value::numeric, "dataSource" = x.source, status = 'SUBMITTED', "submittedById" = ${ctx.actorId},
        "submittedAt" = now(), "reviewComment" = NULL, version = v.version + 1, "updatedAt" = now()
      FROM jsonb_to_recordset(${JSON.stringify(edits.map((o) => ({ id: o.current!.id, version: o.current!.version, status: o.current!.status, value: o.value, source: o.dataSource })))}::jsonb)
        AS x(id int, version int, status text, value text, source text)
      WHERE v.id = x.id AND v.version = x.version AND v.status::text = x.status AND v."isCurrent"`;
    if (updated !== edits.length) return false;
  }
  // An approved value: no longer current; the correction below is, and it stays official until then.
  if (corrections.length) {
    const retired = await tx.$executeRaw`
      UPDATE "IndicatorValue" v SET "isCurrent" = false, "updatedAt" = now()
      FROM jsonb_to_recordset(${JSON.stringify(corrections.map((o) => ({ id: o.current!.id, version: o.current!.version })))}::jsonb) AS x(id int, version int)
      WHERE v.id = x.id AND v.version = x.version AND v.status = 'APPROVED' AND v."isCurrent"`;
    if (retired !== corrections.length) return false;
  }
  const inserts = [...fresh, ...corrections].map((o) => ({
    indicatorId: o.indicatorId,
    unitId: o.unitId,
    year: o.year,
    revision: o.current ? o.current.revision + 1 : 1,
    value: o.value,
    source: o.dataSource,
    correction: o.current ? `导入批次 #${ctx.batchId}` : null,
  }));
  const created = inserts.length
    ? await tx.$queryRaw<{ id: number; indicatorId: number; unitId: number | null; year: number }[]>`
        INSERT INTO "IndicatorValue" ("indicatorId", "unitId", year, revision, value, "dataSource", status, "submittedById", "submittedAt", "correctionReason", "updatedAt")
        SELECT x."indicatorId", x."unitId", x.year, x.revision, x.value::numeric, x.source, 'SUBMITTED', ${ctx.actorId}, now(), x.correction, now()
        FROM jsonb_to_recordset(${JSON.stringify(inserts)}::jsonb)
          AS x("indicatorId" int, "unitId" int, year int, revision int, value text, source text, correction text)
        RETURNING id, "indicatorId", "unitId", year`
    : [];
  const createdId = new Map(created.map((r) => [key(r.indicatorId, r.unitId, r.year), r.id]));

  await recordAuditMany(
    tx,
    ops.map((o): AuditInput => {
      const changes: FieldChange[] = [{ field: "value", old: o.old, new: o.value }];
      if ((o.current?.dataSource ?? null) !== o.dataSource) changes.push({ field: "dataSource", old: o.current?.dataSource ?? null, new: o.dataSource });
      const edited = o.current !== null && o.current.status !== "APPROVED";
      return {
        actorId: ctx.actorId,
        action: !o.current
          ? "indicatorValue.submit"
          : o.current.status === "APPROVED"
            ? "indicatorValue.correct"
            : o.current.status === "RETURNED"
              ? "indicatorValue.resubmit"
              : "indicatorValue.update",
        entityType: "IndicatorValue",
        entityId: edited ? o.current!.id : createdId.get(key(o.indicatorId, o.unitId, o.year))!,
        planId: ctx.planId,
        unitId: o.unitId,
        entityVersion: edited ? o.current!.version + 1 : 1,
        changes,
        reason: ctx.reason,
      };
    }),
  );
  return true;
}
