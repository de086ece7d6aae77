import "server-only";
import { formatDateTime } from "@/lib/dates";
import { db } from "@/lib/db";
import { actionLabel, changeText, entityLabel, REFERENCE_FIELDS, type ChangeText, type ReferenceNames } from "@/lib/i18n/audit-labels";
import { periodLabel } from "@/lib/periods";
import { MAX_INT } from "@/lib/schemas/fields";
import { sectionName } from "@/lib/sections";
import type { FieldChange } from "./record-audit";

// Audit rows as people read them: the action, the record (by its project's name, the report's period,
// the milestone's name, …), each field and value in Chinese. Names are read with one query per record
// type for all the rows at once, never one per row. The log page, a project's and an indicator's
// history and the CSV export all use this, so they say the same.
export type AuditRow = {
  id: bigint | string;
  at: Date;
  action: string;
  entityType: string;
  entityId: string;
  planId: number | null;
  unitId: number | null;
  actor: { username: string; displayName: string } | null;
  changes: unknown;
  reason: string | null;
};

export type AuditLine = {
  id: string;
  at: Date;
  time: string;
  actor: string;
  action: string;
  actionText: string;
  entityType: string;
  entityId: string;
  typeText: string;
  // The record's full name, and without its project's name (for the project's own page).
  subject: string;
  detail: string;
  href: string | null;
  changes: ChangeText[];
  reason: string | null;
};

type Named = { text: string; detail?: string; href: string | null };

// Ids as the columns hold them (INTEGER); anything else names no record.
const asId = (s: string | null) => (s !== null && /^\d{1,10}$/.test(s) && Number(s) <= MAX_INT ? Number(s) : null);
const ids = (rows: AuditRow[], type: string) =>
  [...new Set(rows.filter((r) => r.entityType === type).map((r) => asId(r.entityId)))].filter((id) => id !== null);

export async function readableAudit(rows: AuditRow[]): Promise<AuditLine[]> {
  const changesOf = new Map(rows.map((r) => [r, (Array.isArray(r.changes) ? r.changes : []) as FieldChange[]]));
  // Ids other records' fields point to (unitId, sectionId, parentId, predecessor).
  const refs = { unit: new Set<number>(), section: new Set<number>(), project: new Set<number>() };
  for (const changes of changesOf.values()) {
    for (const c of changes) {
      const kind = REFERENCE_FIELDS[c.field as keyof typeof REFERENCE_FIELDS];
      if (!kind) continue;
      for (const v of [c.old, c.new]) {
        const id = asId(v);
        if (id !== null) refs[kind].add(id);
      }
    }
  }
  // A reminder (催报) is named by its unit and period, both on the row.
  for (const r of rows) if (r.entityType === "Reminder" && r.unitId !== null) refs.unit.add(r.unitId);
  const of = (type: string) => ids(rows, type);
  const wanted = <T>(list: number[], read: (idList: number[]) => Promise<T[]>) => (list.length ? read(list) : Promise.resolve([] as T[]));
  const project = { select: { id: true, name: true } } as const;
  const indicator = { select: { id: true, shortName: true, planId: true } } as const;
  const [projects, reports, annuals, milestones, requests, plans, units, sections, batches, indicators, values, judgements, users, tokens] = await Promise.all([
    wanted([...new Set([...of("Project"), ...refs.project])], (id) => db.project.findMany({ where: { id: { in: id } }, select: { id: true, name: true } })),
    wanted(of("ProgressReport"), (id) =>
      db.progressReport.findMany({ where: { id: { in: id } }, select: { id: true, period: true, revision: true, project } }),
    ),
    wanted(of("AnnualPlanAmount"), (id) => db.annualPlanAmount.findMany({ where: { id: { in: id } }, select: { id: true, year: true, project } })),
    wanted(of("Milestone"), (id) => db.milestone.findMany({ where: { id: { in: id } }, select: { id: true, name: true, project } })),
    wanted(of("ProjectChangeRequest"), (id) => db.projectChangeRequest.findMany({ where: { id: { in: id } }, select: { id: true, kind: true, project } })),
    wanted(of("Plan"), (id) => db.plan.findMany({ where: { id: { in: id } }, select: { id: true, title: true } })),
    wanted([...new Set([...of("ReportingUnit"), ...refs.unit])], (id) =>
      db.reportingUnit.findMany({ where: { id: { in: id } }, select: { id: true, name: true, planId: true } }),
    ),
    wanted([...new Set([...of("Section"), ...refs.section])], (id) =>
      db.section.findMany({ where: { id: { in: id } }, select: { id: true, number: true, title: true, planId: true } }),
    ),
    wanted(of("ImportBatch"), (id) => db.importBatch.findMany({ where: { id: { in: id } }, select: { id: true, fileName: true } })),
    wanted(of("Indicator"), (id) => db.indicator.findMany({ where: { id: { in: id } }, select: { id: true, shortName: true, planId: true } })),
    wanted(of("IndicatorValue"), (id) =>
      db.indicatorValue.findMany({ where: { id: { in: id } }, select: { id: true, year: true, unit: { select: { name: true } }, indicator } }),
    ),
    wanted(of("IndicatorJudgement"), (id) => db.indicatorJudgement.findMany({ where: { id: { in: id } }, select: { id: true, year: true, indicator } })),
    wanted(of("User"), (id) => db.user.findMany({ where: { id: { in: id } }, select: { id: true, username: true, displayName: true } })),
    wanted(of("ApiToken"), (id) => db.apiToken.findMany({ where: { id: { in: id } }, select: { id: true, name: true } })),
  ]);

  const names: ReferenceNames = {
    project: new Map(projects.map((p) => [p.id, p.name])),
    unit: new Map(units.map((u) => [u.id, u.name])),
    section: new Map(sections.map((s) => [s.id, sectionName(s)])),
  };
  const projectPage = (p: { id: number }) => `/projects/${p.id}`;
  const indicatorPage = (i: { id: number; planId: number }) => `/plans/${i.planId}/indicators/${i.id}`;
  const inProject = (p: { id: number; name: string }, detail: string, href = projectPage(p)): Named => ({ text: `${p.name} · ${detail}`, detail, href });
  const subjects = new Map<string, Map<number, Named>>([
    ["Project", new Map(projects.map((p) => [p.id, { text: p.name, detail: "项目信息", href: projectPage(p) }]))],
    [
      "ProgressReport",
      new Map(
        reports.map((r) => [
          r.id,
          inProject(r.project, `${periodLabel(r.period)} 调度报告${r.revision > 1 ? `（第 ${r.revision} 版）` : ""}`, `/reports/${r.id}`),
        ]),
      ),
    ],
    ["AnnualPlanAmount", new Map(annuals.map((a) => [a.id, inProject(a.project, `${a.year} 年度计划`)]))],
    ["Milestone", new Map(milestones.map((m) => [m.id, inProject(m.project, `节点「${m.name}」`)]))],
    ["ProjectChangeRequest", new Map(requests.map((c) => [c.id, inProject(c.project, `${c.kind === "WITHDRAW" ? "调出申请" : "调整申请"} #${c.id}`)]))],
    ["Plan", new Map(plans.map((p) => [p.id, { text: p.title, href: `/plans/${p.id}` }]))],
    ["ReportingUnit", new Map(units.map((u) => [u.id, { text: `填报单位「${u.name}」`, href: `/plans/${u.planId}/settings` }]))],
    ["Section", new Map(sections.map((s) => [s.id, { text: `专栏/类别「${sectionName(s)}」`, href: `/plans/${s.planId}/settings` }]))],
    ["ImportBatch", new Map(batches.map((b) => [b.id, { text: `导入批次 #${b.id}（${b.fileName}）`, href: `/imports/${b.id}` }]))],
    ["Indicator", new Map(indicators.map((i) => [i.id, { text: i.shortName, href: indicatorPage(i) }]))],
    [
      "IndicatorValue",
      new Map(
        values.map((v) => [v.id, { text: `${v.indicator.shortName} · ${v.year} 年${v.unit ? `（${v.unit.name}）` : ""}`, href: indicatorPage(v.indicator) }]),
      ),
    ],
    ["IndicatorJudgement", new Map(judgements.map((j) => [j.id, { text: `${j.indicator.shortName} · ${j.year} 年评估`, href: indicatorPage(j.indicator) }]))],
    ["User", new Map(users.map((u) => [u.id, { text: `${u.displayName}（${u.username}）`, href: `/admin/users/${u.id}` }]))],
    ["ApiToken", new Map(tokens.map((t) => [t.id, { text: `API 令牌「${t.name}」`, href: "/admin/tokens" }]))],
  ]);

  const reminder = (r: AuditRow): Named | null => {
    const period = changesOf.get(r)!.find((c) => c.field === "period")?.new;
    const unit = r.unitId === null ? undefined : names.unit.get(r.unitId);
    if (r.entityType !== "Reminder" || !period || !unit) return null;
    return { text: `${unit} · ${periodLabel(period)} 催报`, href: r.planId === null ? null : `/plans/${r.planId}/reporting` };
  };

  return rows.map((r) => {
    const typeText = entityLabel(r.entityType);
    const named = subjects.get(r.entityType)?.get(Number(r.entityId)) ?? reminder(r) ?? { text: `${typeText} #${r.entityId}`, href: null };
    return {
      id: r.id.toString(),
      at: r.at,
      time: formatDateTime(r.at),
      actor: r.actor ? `${r.actor.displayName}（${r.actor.username}）` : "系统",
      action: r.action,
      actionText: actionLabel(r.action),
      entityType: r.entityType,
      entityId: r.entityId,
      typeText,
      subject: named.text,
      detail: named.detail ?? named.text,
      href: named.href,
      changes: changesOf.get(r)!.map((c) => changeText(r.entityType, c, names)),
      reason: r.reason,
    };
  });
}
