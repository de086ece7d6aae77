import fs from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { GET as exportCsv } from "@/app/api/v1/exports/csv/[list]/route";
import { GET as exportEvaluation } from "@/app/api/v1/exports/evaluation/route";
import { GET as exportRollup } from "@/app/api/v1/exports/rollup/route";
import { GET as exportSchedule } from "@/app/api/v1/exports/schedule/route";
import { GET as exportTemplate } from "@/app/api/v1/exports/template/route";
import { GET as exportIndicators } from "@/app/api/v1/exports/indicators/route";
import { POST as uploadImport } from "@/app/api/v1/imports/route";
import { GET as getOpenApi } from "@/app/api/v1/openapi.json/route";
import { POST as createUnit } from "@/app/api/v1/plans/[id]/units/route";
import { GET as listPlans, POST as createPlan } from "@/app/api/v1/plans/route";
import { PATCH as editProject } from "@/app/api/v1/projects/[id]/route";
import { POST as saveReport } from "@/app/api/v1/reports/route";
import { GET as getIndicators } from "@/app/api/v1/indicators/route";
import { GET as getRollups } from "@/app/api/v1/rollups/route";
import { OPENAPI } from "@/lib/api/openapi";
import { OPERATIONS, RESPONSE_COMPONENTS, type Operation } from "@/lib/api/operations";
import { db } from "@/lib/db";
import { ROLLUP_BY } from "@/lib/schemas/finance";
import { CSV_LISTS } from "@/lib/server/exports/export-csv";
import { newToken } from "@/lib/server/api-tokens/token-hash";
import { makePlan, makeProject, makeUser } from "@/lib/server/seed/factories";
import { currentPeriod } from "@/lib/periods";

// The API description is generated from the schemas the routes use (lib/api/operations.ts). Here:
// every route file is described, and real answers of every route, success and failure, parse with
// the very zod schemas the description was generated from, with a documented status.

const ROOT = path.resolve("app/api/v1");
type Spec = { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>> };
const spec = OPENAPI as unknown as Spec;

const op = (method: Operation["method"], p: string) => OPERATIONS.find((o) => o.method === method && o.path === p)!;
const documented = (o: Operation, status: number) => spec.paths[o.path][o.method].responses[String(status)];

// A JSON answer: its status is documented for the operation and its body parses with the
// documented schema (the operation's for 200, Error otherwise).
async function expectJson(o: Operation, res: Response, status: number) {
  expect(res.status).toBe(status);
  expect(documented(o, status), `${o.method} ${o.path} documents ${status}`).toBeDefined();
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  const schema: z.ZodType = status === 200 && "json" in o.ok ? o.ok.json : RESPONSE_COMPONENTS.Error;
  return schema.parse(await res.json()) as never;
}

// A file answer: 200 with the documented content type and an attachment name.
async function expectFile(o: Operation, res: Response) {
  expect(res.status).toBe(200);
  const [type] = Object.keys(documented(o, 200).content!);
  expect(res.headers.get("content-type")!.startsWith(type)).toBe(true);
  expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename=/);
  return Buffer.from(await res.arrayBuffer());
}

// A token acting as a user of any role (the admin screen issues them for admins only).
async function tokenFor(userId: number) {
  const { token, hash, prefix } = newToken();
  await db.apiToken.create({ data: { userId, name: "openapi.test", tokenHash: hash, prefix } });
  return token;
}

let tokens: { admin: string; viewer: string; officer: string };
let ctx: { yueyang: number; planId: number; sectionId: number; unitId: number };
const call = (url: string, token: string, init: RequestInit = {}) =>
  new Request(`http://localhost${url}`, { ...init, headers: { authorization: `Bearer ${token}`, ...(init.headers as Record<string, string>) } });
const json = (method: string, body: unknown) => ({ method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

beforeAll(async () => {
  const { plan, section, units } = await makePlan(db, { unitNames: ["甲县"] });
  ctx = { yueyang: (await db.plan.findUniqueOrThrow({ where: { key: "yueyang" } })).id, planId: plan.id, sectionId: section.id, unitId: units[0].id };
  const [admin, viewer, officer] = await Promise.all([
    makeUser(db, { role: "ADMIN" }),
    makeUser(db, { role: "VIEWER" }),
    makeUser(db, { role: "COUNTY_OFFICER", unitIds: [ctx.unitId] }),
  ]);
  tokens = { admin: await tokenFor(admin.id), viewer: await tokenFor(viewer.id), officer: await tokenFor(officer.id) };
});

describe("the OpenAPI description", () => {
  it("describes every route file under app/api/v1 and every method it exports, and nothing else", async () => {
    const files = (fs.readdirSync(ROOT, { recursive: true }) as string[]).filter((f) => path.basename(f) === "route.ts");
    const described = new Set<string>();
    for (const file of files) {
      const urlPath = `/api/v1/${path.dirname(file).split(path.sep).join("/")}`.replace(/\[(\w+)\]/g, "{$1}");
      const methods = Object.keys(await import(path.join(ROOT, file))).filter((k) => /^(GET|POST|PUT|PATCH|DELETE)$/.test(k));
      expect(methods.length, file).toBeGreaterThan(0);
      for (const m of methods) {
        expect(spec.paths[urlPath]?.[m.toLowerCase()], `${m} ${urlPath}`).toBeDefined();
        described.add(`${m.toLowerCase()} ${urlPath}`);
      }
    }
    expect(files.length).toBeGreaterThanOrEqual(9);
    expect(OPERATIONS.map((o) => `${o.method} ${o.path}`).sort()).toEqual([...described].sort());
  });

  it("is served as generated, names the real error codes and keeps the figure descriptions", async () => {
    const o = op("get", "/api/v1/openapi.json");
    const served = await expectJson(o, getOpenApi(), 200);
    expect(served).toEqual(JSON.parse(JSON.stringify(OPENAPI)));
    const codes = (OPENAPI.components.schemas.Error.properties!.error as { properties: { code: { enum: string[] } } }).properties.code.enum;
    expect(codes).toEqual(expect.arrayContaining(["CONFLICT", "UNAVAILABLE", "RATE_LIMITED", "BAD_FILE", "INTERNAL"]));
    const rates = OPENAPI.components.schemas.GroupRow.properties!.rates as { properties: Record<string, { description: string }> };
    expect(rates.properties.startRate.description).toContain("开工率");
    // 403 only where a role lacks the right: everyone reads plans.
    expect(documented(op("get", "/api/v1/rollups"), 403)).toBeUndefined();
    expect(documented(op("patch", "/api/v1/projects/{id}"), 403)).toBeDefined();
    expect(spec.paths["/api/v1/projects/{id}"].patch).toMatchObject({
      requestBody: { content: { "application/json": { schema: { $ref: "#/components/schemas/ProjectUpdate" } } } },
    });
    expect(OPENAPI.components.schemas.ProjectUpdate.properties).not.toHaveProperty("id");
  });
});

describe("every JSON route answers as described", () => {
  it("GET /api/v1/plans", async () => {
    const o = op("get", "/api/v1/plans");
    const ok: { plans: { id: number }[] } = await expectJson(o, await listPlans(call("/api/v1/plans", tokens.viewer)), 200);
    expect(ok.plans.map((p) => p.id)).toContain(ctx.yueyang);
    const refused: { error: { code: string } } = await expectJson(o, await listPlans(call("/api/v1/plans", "plt_not-a-real-token")), 401);
    expect(refused.error.code).toBe("UNAUTHENTICATED");
  });

  it("POST /api/v1/plans", async () => {
    const o = op("post", "/api/v1/plans");
    const body = {
      title: "接口新建规划",
      level: "CITY",
      regionName: "测试市",
      regionLevel: "CITY",
      periodStart: 2026,
      periodEnd: 2030,
      reportingCycle: "QUARTERLY",
      moneyUnit: "yi",
    };
    const created: { id: number; key: string; version: number } = await expectJson(
      o,
      await createPlan(call("/api/v1/plans", tokens.admin, json("POST", body))),
      200,
    );
    expect(created).toEqual({ id: expect.any(Number), key: `plan-${created.id}`, version: 1 });
    const bad: { error: { fieldErrors: Record<string, string[]> } } = await expectJson(
      o,
      await createPlan(call("/api/v1/plans", tokens.admin, json("POST", { ...body, periodEnd: 2020 }))),
      400,
    );
    expect(Object.keys(bad.error.fieldErrors)).toEqual(["periodEnd"]);
    await expectJson(o, await createPlan(call("/api/v1/plans", tokens.viewer, json("POST", body))), 403);
  });

  it("POST /api/v1/plans/{id}/units: the plan is the path's", async () => {
    const o = op("post", "/api/v1/plans/{id}/units");
    const post = (id: number, token: string, body: object) =>
      createUnit(call(`/api/v1/plans/${id}/units`, token, json("POST", body)), { params: Promise.resolve({ id: String(id) }) });
    const created: { planId: number; name: string } = await expectJson(
      o,
      await post(ctx.planId, tokens.admin, { name: "接口新增县", planId: ctx.yueyang }),
      200,
    );
    expect(created).toMatchObject({ planId: ctx.planId, name: "接口新增县" });
    const dup: { error: { fieldErrors: Record<string, string[]> } } = await expectJson(o, await post(ctx.planId, tokens.admin, { name: "接口新增县" }), 400);
    expect(Object.keys(dup.error.fieldErrors)).toEqual(["name"]);
    await expectJson(o, await post(ctx.planId, tokens.officer, { name: "专干新增县" }), 403);
    await expectJson(o, await post(99999999, tokens.admin, { name: "无此规划" }), 404);
  });

  it("GET /api/v1/rollups, every grouping", async () => {
    const o = op("get", "/api/v1/rollups");
    for (const by of ROLLUP_BY) {
      const body: { rows: unknown[] } = await expectJson(o, await getRollups(call(`/api/v1/rollups?plan=${ctx.yueyang}&by=${by}`, tokens.viewer)), 200);
      expect(body.rows.length).toBeGreaterThan(0);
    }
    const bad: { error: { fieldErrors: Record<string, string[]> } } = await expectJson(
      o,
      await getRollups(call(`/api/v1/rollups?plan=${ctx.yueyang}&by=county`, tokens.viewer)),
      400,
    );
    expect(bad.error.fieldErrors.by).toBeDefined();
    await expectJson(o, await getRollups(call("/api/v1/rollups?plan=99999999", tokens.viewer)), 404);
  });

  it("GET /api/v1/indicators", async () => {
    const o = op("get", "/api/v1/indicators");
    const body: { indicators: { name: string }[] } = await expectJson(
      o,
      await getIndicators(call(`/api/v1/indicators?plan=${ctx.yueyang}`, tokens.viewer)),
      200,
    );
    expect(body.indicators.map((i) => i.name)).toContain("人均预期寿命（岁）");
    await expectJson(o, await getIndicators(call(`/api/v1/indicators?plan=${ctx.yueyang}&year=1800`, tokens.viewer)), 400);
    await expectJson(o, await getIndicators(call("/api/v1/indicators?plan=99999999", tokens.viewer)), 404);
  });

  it("POST /api/v1/reports", async () => {
    const o = op("post", "/api/v1/reports");
    const p = await makeProject(db, { planId: ctx.planId, sectionId: ctx.sectionId, unitId: ctx.unitId });
    const report = { projectId: p.id, period: "2025-03", moneyUnit: "wan", completedAmount: "10" };
    const saved: { version: number; status: string } = await expectJson(o, await saveReport(call("/api/v1/reports", tokens.admin, json("POST", report))), 200);
    expect(saved.status).toBe("DRAFT");
    await expectJson(
      o,
      await saveReport(call("/api/v1/reports", tokens.admin, json("POST", { ...report, version: saved.version, completedAmount: "11" }))),
      200,
    );
    const stale: { error: { details: unknown[] } } = await expectJson(
      o,
      await saveReport(call("/api/v1/reports", tokens.admin, json("POST", { ...report, version: saved.version, completedAmount: "12" }))),
      409,
    );
    expect(stale.error.details.length).toBeGreaterThan(0);
    await expectJson(o, await saveReport(call("/api/v1/reports", tokens.admin, json("POST", { ...report, completedAmount: "" }))), 400);
    await expectJson(o, await saveReport(call("/api/v1/reports", tokens.viewer, json("POST", report))), 403);
    await expectJson(o, await saveReport(call("/api/v1/reports", tokens.admin, json("POST", { ...report, projectId: 99999999 }))), 404);
  });

  it("PATCH /api/v1/projects/{id}: a direct change for the plan office, a 调整申请 for a county officer", async () => {
    const o = op("patch", "/api/v1/projects/{id}");
    const p = await makeProject(db, { planId: ctx.planId, sectionId: ctx.sectionId, unitId: ctx.unitId });
    const patch = (id: number, token: string, body: object) =>
      editProject(call(`/api/v1/projects/${id}`, token, json("PATCH", body)), { params: Promise.resolve({ id: String(id) }) });
    const body = {
      version: 1,
      name: p.name,
      owner: "",
      startYear: 2021,
      endYear: 2025,
      totalInvestment: "100",
      moneyUnit: "wan",
      unitId: ctx.unitId,
      sectionId: ctx.sectionId,
      status: "PREPARATION",
      reason: "按批复修改",
    };
    const direct: { version: number; requestId: number | null } = await expectJson(o, await patch(p.id, tokens.admin, { ...body, owner: "县人民医院" }), 200);
    expect(direct).toMatchObject({ version: 2, requestId: null });
    const requested: { requestId: number | null } = await expectJson(
      o,
      await patch(p.id, tokens.officer, { ...body, version: 2, totalInvestment: "120" }),
      200,
    );
    expect(requested.requestId).toEqual(expect.any(Number));
    const stale: { error: { details: unknown[] } } = await expectJson(o, await patch(p.id, tokens.admin, { ...body, name: "改名" }), 409);
    expect(stale.error.details.length).toBeGreaterThan(0);
    await expectJson(o, await patch(p.id, tokens.admin, { ...body, version: 2, name: "" }), 400);
    await expectJson(o, await patch(p.id, tokens.viewer, { ...body, version: 2 }), 403);
    await expectJson(o, await patch(99999999, tokens.admin, body), 404);
  });

  it("POST /api/v1/imports: progress and result lines, or an error", async () => {
    const o = op("post", "/api/v1/imports");
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("附表");
    for (const r of [
      ["测试规划项目表"],
      ["单位", "项目类别", "项目名称", "建设周期", "总投资（亿元）", "备注2"],
      ["甲县", "医院", "甲县新院区", "2021-2025", 1.5, null],
    ])
      ws.addRow(r);
    const upload = async (planId: number, token = tokens.admin) => {
      const form = new FormData();
      form.set("planId", String(planId));
      form.set("file", new File([Buffer.from(await wb.xlsx.writeBuffer())], "项目表.xlsx"));
      return uploadImport(call("/api/v1/imports", token, { method: "POST", body: form }));
    };
    const lines = async (res: Response) => {
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(new RegExp(`^${Object.keys(documented(o, 200).content!)[0]}`));
      const line = "ndjson" in o.ok ? o.ok.ndjson : RESPONSE_COMPONENTS.Error;
      return (await res.text())
        .trim()
        .split("\n")
        .map((l) => line.parse(JSON.parse(l)) as Record<string, unknown>);
    };
    const done = await lines(await upload(ctx.planId));
    expect(done.at(-1)).toMatchObject({ done: true, counts: { new: 1 } });
    expect(done.some((l) => l.stage === "check")).toBe(true);
    expect((await lines(await upload(99999999))).at(-1)).toMatchObject({ error: { code: "NOT_FOUND" } });
    await expectJson(o, await upload(ctx.planId, tokens.viewer), 403);
    await expectJson(o, await uploadImport(call("/api/v1/imports", tokens.admin, json("POST", { planId: ctx.planId }))), 400);
  });
});

describe("every file route answers as described", () => {
  it("GET /api/v1/exports/rollup", async () => {
    const o = op("get", "/api/v1/exports/rollup");
    expect((await expectFile(o, await exportRollup(call(`/api/v1/exports/rollup?plan=${ctx.yueyang}`, tokens.officer)))).subarray(0, 2).toString()).toBe("PK");
    await expectJson(o, await exportRollup(call("/api/v1/exports/rollup", tokens.officer)), 400);
    await expectJson(o, await exportRollup(call(`/api/v1/exports/rollup?plan=${ctx.yueyang}`, tokens.viewer)), 403);
    await expectJson(o, await exportRollup(call("/api/v1/exports/rollup?plan=99999999", tokens.officer)), 404);
  });

  it("GET /api/v1/exports/evaluation", async () => {
    const o = op("get", "/api/v1/exports/evaluation");
    const res = await exportEvaluation(call(`/api/v1/exports/evaluation?plan=${ctx.yueyang}&stage=final`, tokens.officer));
    expect(res.headers.get("content-disposition")).toContain(encodeURIComponent("终期评估报告.docx"));
    expect((await expectFile(o, res)).subarray(0, 2).toString()).toBe("PK");
    const bad: { error: { fieldErrors: Record<string, string[]> } } = await expectJson(
      o,
      await exportEvaluation(call(`/api/v1/exports/evaluation?plan=${ctx.yueyang}&stage=year`, tokens.officer)),
      400,
    );
    expect(Object.keys(bad.error.fieldErrors)).toEqual(["year"]);
    await expectJson(o, await exportEvaluation(call(`/api/v1/exports/evaluation?plan=${ctx.yueyang}&stage=final`, tokens.viewer)), 403);
    await expectJson(o, await exportEvaluation(call("/api/v1/exports/evaluation?plan=99999999&stage=final", tokens.officer)), 404);
  });

  it("GET /api/v1/exports/schedule", async () => {
    const o = op("get", "/api/v1/exports/schedule");
    const plan = await db.plan.findUniqueOrThrow({ where: { id: ctx.yueyang } });
    const res = await exportSchedule(call(`/api/v1/exports/schedule?plan=${plan.id}&period=${currentPeriod(plan.reportingCycle)}`, tokens.admin));
    expect(res.headers.get("x-project-count")).toMatch(/^\d+$/);
    expect((await expectFile(o, res)).subarray(0, 2).toString()).toBe("PK");
    await expectJson(o, await exportSchedule(call(`/api/v1/exports/schedule?plan=${plan.id}&period=2025-13`, tokens.admin)), 400);
    await expectJson(o, await exportSchedule(call(`/api/v1/exports/schedule?plan=99999999&period=2025-03`, tokens.admin)), 404);
  });

  it("GET /api/v1/exports/template", async () => {
    const o = op("get", "/api/v1/exports/template");
    expect((await expectFile(o, await exportTemplate(call(`/api/v1/exports/template?plan=${ctx.planId}`, tokens.officer)))).subarray(0, 2).toString()).toBe(
      "PK",
    );
    expect((await expectFile(o, await exportTemplate(call("/api/v1/exports/template", tokens.admin)))).subarray(0, 2).toString()).toBe("PK");
    await expectJson(o, await exportTemplate(call("/api/v1/exports/template?plan=abc", tokens.admin)), 400);
    await expectJson(o, await exportTemplate(call("/api/v1/exports/template?plan=99999999", tokens.admin)), 404);
    await expectJson(o, await exportTemplate(call("/api/v1/exports/template", tokens.viewer)), 403);
  });

  it("GET /api/v1/exports/indicators", async () => {
    const o = op("get", "/api/v1/exports/indicators");
    const file = await expectFile(o, await exportIndicators(call(`/api/v1/exports/indicators?plan=${ctx.yueyang}`, tokens.officer)));
    expect(file.subarray(0, 2).toString()).toBe("PK");
    await expectJson(o, await exportIndicators(call("/api/v1/exports/indicators", tokens.admin)), 400);
    await expectJson(o, await exportIndicators(call("/api/v1/exports/indicators?plan=99999999", tokens.admin)), 404);
    await expectJson(o, await exportIndicators(call(`/api/v1/exports/indicators?plan=${ctx.yueyang}`, tokens.viewer)), 403);
  });

  it("GET /api/v1/exports/csv/{list}, every list", async () => {
    const o = op("get", "/api/v1/exports/csv/{list}");
    for (const list of CSV_LISTS) {
      const csv = await expectFile(
        o,
        await exportCsv(call(`/api/v1/exports/csv/${list}?plan=${ctx.yueyang}`, tokens.admin), { params: Promise.resolve({ list }) }),
      );
      expect(csv.subarray(0, 3).toString("hex")).toBe("efbbbf");
    }
    await expectJson(o, await exportCsv(call("/api/v1/exports/csv/nope", tokens.admin), { params: Promise.resolve({ list: "nope" }) }), 404);
    await expectJson(o, await exportCsv(call("/api/v1/exports/csv/projects", tokens.viewer), { params: Promise.resolve({ list: "projects" }) }), 403);
  });
});
