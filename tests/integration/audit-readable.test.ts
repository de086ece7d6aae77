import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { parseCsv } from "@/lib/excel/csv";
import { ACTION_LABEL } from "@/lib/i18n/audit-labels";
import { fieldLabel } from "@/lib/i18n/field-labels";
import { pageQueryProblems } from "@/lib/page-queries";
import { ACTIONS } from "@/lib/permissions";
import { setAnnualPlan } from "@/lib/server/annual-plans/set-annual-plan";
import { listAudit, projectHistory } from "@/lib/server/audit/list-audit";
import { readableAudit, type AuditLine } from "@/lib/server/audit/readable-audit";
import type { SessionUser } from "@/lib/server/auth/current-user";
import { prepareCsv } from "@/lib/server/exports/export-csv";
import { saveMilestones } from "@/lib/server/milestones/save-milestones";
import { addTemplateMilestones } from "@/lib/server/milestones/template";
import { requestProjectChange } from "@/lib/server/projects/request-project-change";
import { reviewChangeRequests } from "@/lib/server/projects/review-change-requests";
import { updateProject } from "@/lib/server/projects/update-project";
import { reviewReports } from "@/lib/server/reports/review-reports";
import { saveReport } from "@/lib/server/reports/save-report";
import { makePlan, makeProject } from "@/lib/server/seed/factories";
import { collect } from "../support/excel";
import { expectAppError, sessionFor } from "../support/users";

// Issue #15 item 6: the audit log people can read — Chinese actions, fields and values, records named
// by their project (and period, milestone, year), and a project's filter covering what is filed under it.

const RAW_ENUM =
  /\b(PREPARATION|CONSTRUCTION|COMPLETED|IN_USE|DRAFT|SUBMITTED|APPROVED|RETURNED|WITHDRAWN|PROPOSED|ADMITTED|ADMIN|FINANCE_REVIEWER|COUNTY_OFFICER|VIEWER)\b/;
const CHINESE = /[\u4e00-\u9fff]/;
// What a reader sees of a row (the time and the people aside).
const shown = (r: AuditLine) => [r.actionText, r.typeText, r.subject, r.detail, ...r.changes.flatMap((c) => [c.label, c.old ?? "", c.new ?? ""])].join(" | ");

let ctx: {
  name: string;
  projectId: number;
  otherProjectId: number;
  units: { id: number; name: string }[];
  admin: SessionUser;
  viewer: SessionUser;
};

beforeAll(async () => {
  const { plan, section, units } = await makePlan(db, { unitNames: ["审计甲县", "审计乙县"] });
  const name = `审计可读项目 ${plan.id}`;
  const p = await makeProject(db, { planId: plan.id, sectionId: section.id, unitId: units[0].id, name, totalWan: "1000" });
  const other = await makeProject(db, { planId: plan.id, sectionId: section.id, unitId: units[0].id, name: `审计邻居项目 ${plan.id}` });
  await db.$transaction((tx) => addTemplateMilestones(tx, [p.id, other.id]));
  const officer = await sessionFor("COUNTY_OFFICER", [units[0].id]);
  const reviewer = await sessionFor("FINANCE_REVIEWER");
  const admin = await sessionFor("ADMIN");

  // A report filed with an annual plan proposal, submitted, approved.
  const report = { moneyUnit: "wan", completedAmount: "120", annualPlan: "500", progressPercent: "10", progressText: "主体施工", problems: "", nextSteps: "" };
  const saved = await saveReport(officer, { ...report, projectId: p.id, period: "2025-03", submit: true });
  await reviewReports(reviewer, { items: [{ id: saved.id, version: saved.version }], decision: "APPROVE" });
  // The neighbour's report must not appear under this project.
  await saveReport(officer, { ...report, projectId: other.id, period: "2025-03", submit: true });

  // A milestone renamed, and 开工 done: the project moves 前期 → 在建 by itself.
  const ms = await db.milestone.findMany({ where: { projectId: p.id }, orderBy: { sortOrder: "asc" } });
  await saveMilestones(officer, {
    projectId: p.id,
    listVersion: 1,
    milestones: ms.map((m) => ({
      id: m.id,
      version: m.version,
      code: m.code,
      name: m.name === "可研批复" ? "可行性研究报告批复" : m.name,
      plannedDate: "",
      actualDate: m.code === "START" ? "2025-03-10" : "",
    })),
    reason: "按批复名称",
  });

  // An annual plan set (下达) directly, and a 调整申请 approved.
  await setAnnualPlan(reviewer, { projectId: p.id, year: 2026, amount: "800", moneyUnit: "wan", reason: "年初下达" });
  const fresh = await db.project.findUniqueOrThrow({ where: { id: p.id } });
  const facts = {
    id: p.id,
    name,
    startYear: 2021,
    endYear: 2025,
    totalInvestment: "1000",
    moneyUnit: "wan",
    unitId: units[0].id,
    sectionId: section.id,
    status: fresh.status,
  } as const;
  const asked = await requestProjectChange(officer, { ...facts, version: fresh.version, owner: "岳阳市卫健委", reason: "建设单位更名" });
  const request = await db.projectChangeRequest.findUniqueOrThrow({ where: { id: asked.requestId! } });
  await reviewChangeRequests(reviewer, { items: [{ id: request.id, version: request.version }], decision: "APPROVE" });

  // The plan office moves it to another unit and marks it completed by hand.
  const last = await db.project.findUniqueOrThrow({ where: { id: p.id } });
  await updateProject(admin, { ...facts, version: last.version, owner: "岳阳市卫健委", unitId: units[1].id, status: "COMPLETED", reason: "区划调整" });

  ctx = { name, projectId: p.id, otherProjectId: other.id, units, admin, viewer: await sessionFor("VIEWER") };
});

describe("the audit log filtered by a project", () => {
  it("lists the project's own rows and those of its reports, annual plans, milestones and 调整申请, nothing of its neighbour", async () => {
    const log = await listAudit(ctx.admin, { project: String(ctx.projectId) });
    const actions = log.rows.map((r) => r.action).sort();
    expect(actions).toEqual(
      [
        "report.create",
        "report.submit",
        "annualPlan.submit", // the proposal typed with the report
        "report.approve",
        "annualPlan.approve",
        "milestone.update", // renamed
        "milestone.update", // 开工 done
        "project.status",
        "annualPlan.set",
        "changeRequest.submit",
        "changeRequest.approve",
        "project.update", // the approved 调整申请 applied
        "project.update", // the plan office's direct change
      ].sort(),
    );
    expect(log.total).toBe(log.rows.length);
    expect(log.project).toEqual({ id: ctx.projectId, name: ctx.name });
    for (const r of log.rows) expect(r.subject.startsWith(ctx.name)).toBe(true);
    expect(log.rows.some((r) => r.subject.includes("审计邻居项目"))).toBe(false);

    // 对象类型 项目 + its number is the same filter; other filters narrow it down.
    const byType = await listAudit(ctx.admin, { entityType: "Project", entityId: String(ctx.projectId) });
    expect(byType.rows.map((r) => r.id)).toEqual(log.rows.map((r) => r.id));
    const milestonesOnly = await listAudit(ctx.admin, { project: String(ctx.projectId), entityType: "Milestone" });
    expect(milestonesOnly.rows.map((r) => r.action)).toEqual(["milestone.update", "milestone.update"]);

    // The project page's history shows the same rows (it is open to every role).
    const history = await projectHistory(ctx.viewer, { projectId: ctx.projectId });
    expect(history.rows.map((r) => r.id)).toEqual(log.rows.map((r) => r.id));
  });

  it("every row reads in Chinese: action, record named by project · period / year / milestone, fields and values translated", async () => {
    const { rows } = await listAudit(ctx.admin, { project: String(ctx.projectId) });
    for (const r of rows) {
      expect(r.actionText, r.action).toMatch(CHINESE);
      expect(r.actionText).not.toBe(r.action);
      for (const c of r.changes) expect(c.label, c.field).toMatch(CHINESE);
      expect(shown(r), shown(r)).not.toMatch(RAW_ENUM);
      expect(shown(r)).not.toMatch(/[A-Za-z] #\d/); // no "ProgressReport #4"
      for (const c of r.changes) expect([c.old, c.new].join(" ")).not.toMatch(/#\d/); // no unresolved unit or project ids
    }
    const row = (action: string) => rows.find((r) => r.action === action)!;
    const name = ctx.name;

    expect(row("report.approve")).toMatchObject({
      actionText: "调度报告审核通过",
      subject: `${name} · 2025年3月 调度报告`,
      detail: "2025年3月 调度报告",
      changes: [{ label: "状态", old: "已提交待审核", new: "已审核" }],
    });
    expect(row("report.create").changes).toContainEqual({ field: "completedAmount", label: "本期完成（万元）", old: null, new: "120" });
    const renamed = rows.find((r) => r.action === "milestone.update" && r.changes.some((c) => c.field === "name"))!;
    expect(renamed).toMatchObject({
      actionText: "修改节点",
      subject: `${name} · 节点「可行性研究报告批复」`,
      changes: [{ label: "名称", old: "可研批复", new: "可行性研究报告批复" }],
    });
    expect(rows.find((r) => r.action === "milestone.update" && r !== renamed)).toMatchObject({
      subject: `${name} · 节点「开工」`,
      changes: [{ label: "实际日期", old: null, new: "2025-03-10" }],
    });
    expect(row("project.status")).toMatchObject({ subject: name, changes: [{ label: "状态", old: "前期", new: "在建" }] });
    expect(row("annualPlan.set")).toMatchObject({
      actionText: "下达年度计划",
      subject: `${name} · 2026 年度计划`,
      changes: [{ label: "2026 年度计划（万元）", old: null, new: "800" }],
    });
    expect(row("annualPlan.approve").subject).toBe(`${name} · 2025 年度计划`);
    expect(row("changeRequest.approve")).toMatchObject({
      subject: `${name} · 调整申请 #${row("changeRequest.approve").entityId}`,
      changes: [{ label: "状态", old: "已提交待审核", new: "已审核" }],
    });
    const direct = rows.find((r) => r.action === "project.update" && r.reason === "直接修改：区划调整")!;
    expect(direct.changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ label: "填报单位", old: "审计甲县", new: "审计乙县" }),
        expect.objectContaining({ label: "状态", old: "在建", new: "竣工" }),
      ]),
    );
  });

  it("the CSV export of the filtered log says the same, in Chinese", async () => {
    const log = await listAudit(ctx.admin, { project: String(ctx.projectId) });
    const csv = (await collect((await prepareCsv(ctx.admin, { list: "audit", project: String(ctx.projectId) })).write)).toString("utf8");
    const [header, ...lines] = parseCsv(csv);
    expect(header).toEqual(["时间", "操作人", "操作", "对象类型", "对象", "对象编号", "变更", "原因"]);
    expect(lines.length).toBe(log.total);
    expect(lines.map((l) => l[2])).toEqual(log.rows.map((r) => r.actionText));
    expect(lines.map((l) => l[4])).toEqual(log.rows.map((r) => r.subject));
    expect(csv).not.toMatch(RAW_ENUM);
    expect(csv).not.toMatch(/\b(report|milestone|annualPlan|project|changeRequest)\.[a-z]+/i);
    const approve = lines[log.rows.findIndex((r) => r.action === "report.approve")];
    expect(approve.slice(2, 5)).toEqual(["调度报告审核通过", "调度报告", `${ctx.name} · 2025年3月 调度报告`]);
    expect(approve[6]).toBe("状态：已提交待审核 → 已审核");
  });

  it("a project number that is not one is refused with a Chinese message, on the page's link and the export", async () => {
    expect(pageQueryProblems("/admin/audit", new URLSearchParams("project=abc"))).toEqual(["project：项目编号无效"]);
    const e = await expectAppError(listAudit(ctx.admin, { project: "1e3" }), "VALIDATION");
    expect(e.fieldErrors).toEqual({ project: ["项目编号无效"] });
    await expectAppError(prepareCsv(ctx.admin, { list: "audit", project: "-1" }), "VALIDATION");
    // A number that names no project finds nothing (it is not read as "no filter").
    expect((await listAudit(ctx.admin, { project: "2147483647" })).total).toBe(0);
    // 对象类型 项目 with a number past the column's range is an ordinary filter that finds nothing, not a 500.
    expect((await listAudit(ctx.admin, { entityType: "Project", entityId: "9999999999" })).total).toBe(0);
  });
});

describe("names are read once per record type", () => {
  it("a page of many report rows reads the reports once, not once per row", async () => {
    const rows = await db.auditEvent.findMany({ where: { entityType: "ProgressReport" }, take: 50, orderBy: { id: "desc" }, include: { actor: true } });
    expect(rows.length).toBeGreaterThan(2);
    const reads = vi.spyOn(db.progressReport, "findMany");
    try {
      const lines = await readableAudit(rows);
      expect(reads).toHaveBeenCalledTimes(1);
      expect(lines.every((l) => l.subject.endsWith("调度报告") || /调度报告（第 \d+ 版）$/.test(l.subject))).toBe(true);
    } finally {
      reads.mockRestore();
    }
  });
});

// ---- Source scans: no action or field can be written without its Chinese label. ----

const ROOT = path.resolve(import.meta.dirname, "../..");
function sources(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== "generated" && e.name !== "node_modules") sources(rel, out);
    } else if (/\.(ts|tsx|mjs)$/.test(e.name)) out.push(rel);
  }
  return out;
}
const FILES = [...sources("lib"), ...sources("scripts"), ...sources("app")].map((f) => ({ f, text: fs.readFileSync(path.join(ROOT, f), "utf8") }));
// Files that write audit rows (directly or by building them for recordAuditMany).
const WRITES = /recordAudit|recordAuditMany|auditEvent\.create|AuditInput/;
const DOTTED = /["'`]([a-z][A-Za-z]*\.[a-z][A-Za-z]*)["'`]/g;
const NOT_CODE = /^\s*(\/\/|\*|\/\*)|\bpermission\s*:|\bauthorize\(|\bcan\(|^\s*import\s|\bfrom\s+["']/;

describe("every audit action the code writes has a Chinese label", () => {
  it("scans lib/, scripts/ and app/ for action strings", () => {
    const found = new Map<string, string>();
    for (const { f, text } of FILES) {
      const writes = WRITES.test(text);
      text.split("\n").forEach((line, i) => {
        // An action is a "word.word" literal after `action:` anywhere, or in a file that writes audit rows
        // (helpers take the action as an argument); permission names in such files are not actions.
        const atAction = /\baction\s*:/.test(line);
        if ((!writes && !atAction) || NOT_CODE.test(line)) return;
        for (const m of line.matchAll(DOTTED)) {
          if (!atAction && (ACTIONS as readonly string[]).includes(m[1])) continue;
          if (!found.has(m[1])) found.set(m[1], `${f}:${i + 1}`);
        }
      });
    }
    // The scan sees the actions written through helpers and ternaries, not only `action: "…"`.
    for (const known of ["report.approve", "report.return", "milestone.add", "annualPlan.propose", "indicatorValue.resubmit", "unit.reorder", "seed.load"]) {
      expect(found.has(known), known).toBe(true);
    }
    const missing = [...found].filter(([action]) => !ACTION_LABEL[action]).map(([action, where]) => `${action} (${where})`);
    expect(missing).toEqual([]);
  });

  it("scans for fields written into audit rows", () => {
    const fields = new Map<string, string>();
    const add = (field: string, f: string) => fields.has(field) || fields.set(field, f);
    const LIT = /"([a-z][A-Za-z]*)"/g;
    for (const { f, text } of FILES.filter((x) => x.f.startsWith("lib"))) {
      // `{ field: "x", old, new }` in files that write or build audit changes.
      if (WRITES.test(text) || /\bFieldChange\b/.test(text)) for (const m of text.matchAll(/\bfield:\s*"([A-Za-z]+)"/g)) add(m[1], f);
      // Field lists diffed into changes: FACT_FIELDS, ENTRY_FIELDS, PLAN_FIELDS, FUNDING_FIELDS, AMOUNTS, TEXTS, …
      for (const m of text.matchAll(/\bconst\s+[A-Z_]*(?:FIELDS|AMOUNTS|TEXTS)\s*=\s*\[([^\]]*)\]/g)) for (const l of m[1].matchAll(LIT)) add(l[1], f);
      // diffFields(before, after, ["a", "b"]): the literal list of the call.
      for (const m of text.matchAll(/diffFields\(/g)) {
        let depth = 0;
        let start = -1;
        for (let i = m.index + "diffFields".length; i < text.length; i++) {
          const c = text[i];
          if (c === "(" || c === "{") depth++;
          else if (c === ")" || c === "}") {
            if (--depth === 0) break;
          } else if (c === "[" && depth === 1) start = i;
          else if (c === "]" && depth === 1 && start >= 0) {
            for (const l of text.slice(start, i).matchAll(LIT)) add(l[1], f);
            start = -1;
          }
        }
      }
      // An import's field names (plan-changes.ts AUDIT_FIELD).
      for (const m of text.matchAll(/AUDIT_FIELD[^=]*=\s*\{([^}]*)\}/g)) for (const l of m[1].matchAll(/:\s*"([A-Za-z]+)"/g)) add(l[1], f);
    }
    for (const known of ["status", "plannedDate", "totalInvestment", "fundingCentral", "progressText", "revokedAt", "unit"])
      expect(fields.has(known), known).toBe(true);
    const missing = [...fields].filter(([field]) => fieldLabel(field) === field).map(([field, where]) => `${field} (${where})`);
    expect(missing).toEqual([]);
  });
});
