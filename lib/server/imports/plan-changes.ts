import "server-only";
import { sectionName as nameOfSection } from "@/lib/sections";
import { Decimal } from "decimal.js";
import { AMOUNT_PATTERN, parsePeriod, splitOnDunhao } from "@/lib/excel/appendix-rules.mjs";
import { db } from "@/lib/db";
import { zhExcel } from "@/lib/i18n/zh-CN-excel";
import { zhPlans } from "@/lib/i18n/zh-CN-plans";
import { exactString, type MoneyUnit } from "@/lib/money";
import { storedWanOfCell } from "@/lib/schemas/money";
import type { FieldChange } from "@/lib/server/audit/record-audit";
import type { Field, Interpreted } from "./interpret";

// Compares the file's rows with the plan's projects: every row becomes new / changed (field by
// field) / unchanged / rejected (with the reason per cell). Also returns what a confirm will write.
export type RowState = "new" | "changed" | "unchanged" | "rejected";
export type PreviewRow = {
  sheet: string;
  row: number;
  state: RowState;
  name: string;
  unit: string | null;
  projectId?: number;
  changes?: FieldChange[];
  reasons?: { column: string; message: string }[];
  children?: number;
  // a cell of an indicator-values sheet (indicator-value-changes.ts): its indicator and year, and
  // whether writing it corrects an approved value
  indicatorId?: number;
  year?: number;
  correction?: boolean;
};

export type ProjectValues = {
  name: string;
  unitId: number | null;
  sectionId: number;
  owner: string | null;
  startYear: number | null;
  endYear: number | null;
  totalInvestment: string | null;
};
// What a confirm writes; `at` is the index of the preview row (which holds the field changes).
export type CreateOp = ProjectValues & { children: string[]; at: number; source: string };
export type UpdateOp = ProjectValues & { id: number; version: number; at: number };
// An appendix category the plan lacks: rows name it by a placeholder sectionId (ref < 0) until the
// confirm creates it (commit-import.ts).
export type NewSection = { ref: number; title: string };
export type Plan = { rows: PreviewRow[]; creates: CreateOp[]; updates: UpdateOp[]; counts: Record<RowState, number>; newSections?: NewSection[] };

const R = zhExcel.reasons;
const NAME_MAX = 500;
const CATEGORY_MAX = 100;

type Existing = ProjectValues & { id: number; key: string; version: number; parentId: number | null };

export async function planChanges(planId: number, file: Interpreted): Promise<Plan> {
  const [units, sections, projects] = await Promise.all([
    db.reportingUnit.findMany({ where: { planId, retiredAt: null }, orderBy: { sortOrder: "asc" }, select: { id: true, name: true } }),
    db.section.findMany({ where: { planId }, orderBy: { sortOrder: "asc" }, select: { id: true, number: true, title: true } }),
    db.project.findMany({
      where: { planId, deletedAt: null },
      select: {
        id: true,
        key: true,
        name: true,
        unitId: true,
        sectionId: true,
        owner: true,
        startYear: true,
        endYear: true,
        totalInvestment: true,
        version: true,
        parentId: true,
      },
    }),
  ]);
  const unitByName = new Map(units.map((u) => [u.name, u.id]));
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const sectionByText = new Map<string, number>();
  for (const s of sections) {
    sectionByText.set(s.title, s.id);
    if (s.number) sectionByText.set(`${s.number} ${s.title}`, s.id).set(s.number, s.id);
  }
  const sectionName = new Map(sections.map((s) => [s.id, nameOfSection(s)]));
  const existing: Existing[] = projects.map((p) => ({ ...p, totalInvestment: exactString(p.totalInvestment) }));
  const byKey = new Map(existing.map((p) => [p.key, p]));
  const byUnitName = new Map<string, Existing[]>();
  for (const p of existing) {
    const k = `${p.unitId}|${p.name}`;
    byUnitName.set(k, [...(byUnitName.get(k) ?? []), p]);
  }
  // A row without 项目编号 is the project of its unit with that name: the top-level one if exactly one
  // is, else the only one (a sub-project); several → ambiguous.
  const pick = (candidates: Existing[]) => {
    const top = candidates.filter((p) => p.parentId === null);
    return top.length === 1 ? top : candidates;
  };

  const display = {
    name: (v: unknown) => (v as string | null) ?? null,
    unitId: (v: unknown) => (v === null ? null : (unitName.get(v as number) ?? String(v))),
    sectionId: (v: unknown) => (v === null ? null : (sectionName.get(v as number) ?? String(v))),
    owner: (v: unknown) => (v as string | null) ?? null,
    startYear: (v: unknown) => (v === null ? null : String(v)),
    endYear: (v: unknown) => (v === null ? null : String(v)),
    totalInvestment: (v: unknown) => (v as string | null) ?? null,
  };
  const AUDIT_FIELD: Record<keyof ProjectValues, string> = {
    name: "name",
    unitId: "unit",
    sectionId: "section",
    owner: "owner",
    startYear: "startYear",
    endYear: "endYear",
    totalInvestment: "totalInvestment",
  };

  const newSections: NewSection[] = [];
  const plan: Plan = { rows: [], creates: [], updates: [], counts: { new: 0, changed: 0, unchanged: 0, rejected: 0 }, newSections };
  const newSectionRef = (title: string) => {
    let s = newSections.find((n) => n.title === title);
    if (!s) {
      s = { ref: -(newSections.length + 1), title };
      newSections.push(s);
      sectionName.set(s.ref, title);
    }
    return s.ref;
  };
  const seen = new Map<string, string>(); // project id or unit|name → "sheet 第 n 行"
  const multiSheet = new Set(file.rows.map((r) => r.sheet)).size > 1;

  for (const r of file.rows) {
    const reasons: { column: string; message: string }[] = [];
    const col = (f: Field) => r.columns[f] ?? zhExcel.fields[f] ?? f;
    const reject = (f: Field, message: string) => reasons.push({ column: col(f), message });
    const where = multiSheet ? zhExcel.import.sheetRow(r.sheet, r.row) : `第 ${r.row} 行`;

    const name = r.values.name ?? "";
    if (!name) reject("name", R.nameMissing);
    else if (name.length > NAME_MAX) reject("name", R.nameTooLong);

    // 单位
    let unitId: number | null | undefined;
    const unitText = r.values.unit;
    if (unitText !== undefined) {
      if (unitText === zhExcel.schedule.noUnit) unitId = null;
      else if (unitText === "") {
        if (file.layout === "appendix") reject("unit", R.unitMissing);
        else unitId = null;
      } else if (unitByName.has(unitText)) unitId = unitByName.get(unitText)!;
      else
        reject(
          "unit",
          R.unknownUnit(
            unitText,
            units.map((u) => u.name),
          ),
        );
    }
    // 项目类别 (an appendix may name categories the plan does not have yet: created on confirm)
    let sectionId: number | undefined;
    let newCategory: string | undefined;
    const catText = r.values.category;
    if (catText !== undefined && catText !== "") {
      if (sectionByText.has(catText)) sectionId = sectionByText.get(catText)!;
      else if (file.layout !== "appendix") reject("category", R.unknownCategory(catText));
      else if (catText.length > CATEGORY_MAX) reject("category", zhPlans.import.categoryTooLong);
      else newCategory = catText;
    }
    // 建设周期
    let years: { startYear: number | null; endYear: number | null } | undefined;
    if (r.values.period !== undefined) {
      const p = r.values.period.replace(/年/g, "").trim();
      if (p === "") years = { startYear: null, endYear: null };
      else {
        const parsed = parsePeriod(p) ?? (/^\d{4}$/.test(p) ? { startYear: Number(p), endYear: Number(p) } : null);
        if (!parsed) reject("period", R.badPeriod(r.values.period));
        else if (parsed.startYear > parsed.endYear) reject("period", R.periodOrder(r.values.period));
        else years = parsed;
      }
    }
    // 总投资 → 万元, exact
    let totalInvestment: string | null | undefined;
    if (r.values.total !== undefined) {
      const raw = typeof r.total === "number" ? String(r.total) : r.values.total.replace(/[,，\s]/g, "");
      if (raw === "") totalInvestment = null;
      else if (/^-/.test(raw) && AMOUNT_PATTERN.test(raw.slice(1))) reject("total", R.negative(r.values.total));
      else if (!AMOUNT_PATTERN.test(raw) && !(typeof r.total === "number" && r.total >= 0)) reject("total", R.notNumber(r.values.total));
      else {
        const wan = storedWanOfCell(typeof r.total === "number" ? r.total : raw, file.moneyUnit ?? "wan");
        if (wan === null) reject("total", R.totalTooBig(r.values.total));
        else totalInvestment = wan;
      }
    }
    const owner = r.values.owner === undefined ? undefined : r.values.owner || null;

    // Which project the row is
    let match: Existing | undefined;
    const key = r.values.key;
    if (key) {
      match = byKey.get(key);
      if (!match) reject("key", R.unknownKey(key));
    } else if (name && unitId !== undefined) {
      const candidates = pick(byUnitName.get(`${unitId}|${name}`) ?? []);
      if (candidates.length > 1) reject("name", R.ambiguous(candidates.length));
      match = candidates.length === 1 ? candidates[0] : undefined;
    } else if (name && r.values.unit === undefined) {
      // the file names no unit at all: match by name alone when that is unambiguous
      const candidates = pick(existing.filter((p) => p.name === name));
      if (candidates.length > 1) reject("name", R.ambiguous(candidates.length));
      match = candidates.length === 1 ? candidates[0] : undefined;
    }
    const identity = match ? `#${match.id}` : `${unitId ?? null}|${name}`;
    if (name && reasons.length === 0) {
      const first = seen.get(identity);
      if (first) reject(key ? "key" : "name", R.duplicate(first));
      else seen.set(identity, where);
    }

    const base = { sheet: r.sheet, row: r.row, name, unit: unitText ?? (match ? (match.unitId === null ? null : (unitName.get(match.unitId) ?? null)) : null) };
    if (match && match.parentId !== null && totalInvestment) reject("total", R.childAmount);
    if (!match && reasons.length === 0 && sectionId === undefined && newCategory === undefined) reject("category", R.categoryMissing);
    if (reasons.length) {
      plan.rows.push({ ...base, state: "rejected", reasons, projectId: match?.id });
      plan.counts.rejected++;
      continue;
    }
    if (newCategory !== undefined) sectionId = newSectionRef(newCategory);

    const next: ProjectValues = {
      name,
      unitId: unitId === undefined ? (match?.unitId ?? null) : unitId,
      sectionId: sectionId ?? match!.sectionId,
      owner: owner === undefined ? (match?.owner ?? null) : owner,
      startYear: years ? years.startYear : (match?.startYear ?? null),
      endYear: years ? years.endYear : (match?.endYear ?? null),
      totalInvestment: totalInvestment === undefined ? (match?.totalInvestment ?? null) : totalInvestment,
    };
    if (match) {
      const changes: FieldChange[] = [];
      for (const f of Object.keys(AUDIT_FIELD) as (keyof ProjectValues)[]) {
        const same = f === "totalInvestment" ? decimalEq(match[f], next[f]) : match[f] === next[f];
        if (!same) changes.push({ field: AUDIT_FIELD[f], old: display[f](match[f]), new: display[f](next[f]) });
      }
      if (changes.length === 0) {
        plan.rows.push({ ...base, state: "unchanged", projectId: match.id });
        plan.counts.unchanged++;
      } else {
        plan.updates.push({ ...next, id: match.id, version: match.version, at: plan.rows.length });
        plan.rows.push({ ...base, state: "changed", projectId: match.id, changes });
        plan.counts.changed++;
      }
    } else {
      const parts = file.layout === "appendix" ? splitOnDunhao(name) : [name];
      const children = parts.length > 1 ? parts : [];
      const changes = (Object.keys(AUDIT_FIELD) as (keyof ProjectValues)[])
        .filter((f) => next[f] !== null)
        .map((f) => ({ field: AUDIT_FIELD[f], old: null, new: display[f](next[f]) }));
      plan.creates.push({ ...next, children, at: plan.rows.length, source: r.source });
      plan.rows.push({ ...base, state: "new", changes, ...(children.length && { children: children.length }) });
      plan.counts.new++;
    }
  }
  return plan;
}

function decimalEq(a: string | null, b: string | null) {
  if (a === null || b === null) return a === b;
  return new Decimal(a).eq(b);
}

export type { MoneyUnit };
