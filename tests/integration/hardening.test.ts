import { describe, expect, it } from "vitest";
import { GET as csvRoute } from "@/app/api/v1/exports/csv/[list]/route";
import { POST as postImport } from "@/app/api/v1/imports/route";
import { GET as getPlans } from "@/app/api/v1/plans/route";
import { PATCH as patchProject } from "@/app/api/v1/projects/[id]/route";
import { POST as postReport } from "@/app/api/v1/reports/route";
import { clientAddress, parseTrustedProxies } from "@/lib/client-address";
import { db } from "@/lib/db";
import { IMPORT_MAX_BYTES } from "@/lib/excel/limits";
import { pageQueryProblems } from "@/lib/page-queries";
import { safeCallbackPath } from "@/lib/safe-path";
import { proposeAnnualPlan } from "@/lib/server/annual-plans/propose-annual-plan";
import { setAnnualPlan } from "@/lib/server/annual-plans/set-annual-plan";
import { issueToken } from "@/lib/server/api-tokens/issue-token";
import { listTokens } from "@/lib/server/api-tokens/list-tokens";
import { userForToken } from "@/lib/server/api-tokens/user-for-token";
import { loadActiveUser } from "@/lib/server/auth/current-user";
import { isSessionRevoked, revokeSession } from "@/lib/server/auth/revoked-sessions";
import { MAX_FAILURES_PER_ACCOUNT, verifyCredentials } from "@/lib/server/auth/verify-credentials";
import { saveMilestones } from "@/lib/server/milestones/save-milestones";
import { saveReport } from "@/lib/server/reports/save-report";
import { JSON_BODY_MAX_BYTES } from "@/lib/server/request-body";
import { updateUser } from "@/lib/server/users/update-user";
import { listPlans } from "@/lib/server/plans/list-plans";
import { listProjects } from "@/lib/server/projects/list-projects";
import { makePlan, makeProject, makeUser } from "@/lib/server/seed/factories";
import { changePassword } from "@/lib/server/users/change-password";
import { resetPassword } from "@/lib/server/users/reset-password";
import { expectAppError, sessionFor } from "../support/users";

// Issue #13 items closed so far, each kept closed by a test.
describe("a temporary password opens nothing but its own change (#13.4)", () => {
  it("after an admin's reset: pages' operations and the API with a token issued before are refused until the password is changed", async () => {
    const admin = await makeUser(db, { role: "ADMIN", password: "Old-password-1" });
    const before = (await loadActiveUser(admin.id, admin.sessionVersion))!;
    const { token } = await issueToken(before, { name: "报表" });
    await resetPassword(await sessionFor("ADMIN"), { id: admin.id, password: "Temp-password-2" });
    const fresh = await db.user.findUniqueOrThrow({ where: { id: admin.id } });
    const actor = (await loadActiveUser(fresh.id, fresh.sessionVersion))!;
    expect(actor.mustChangePassword).toBe(true);
    const refused = await expectAppError(listPlans(actor, {}), "FORBIDDEN");
    expect(refused.message).toContain("请先修改密码");
    const api = await getPlans(new Request("http://localhost/api/v1/plans", { headers: { authorization: `Bearer ${token}` } }));
    expect([401, 403]).toContain(api.status);
    await changePassword(actor, { current: "Temp-password-2", password: "New-password-3", confirm: "New-password-3" });
    const after = await db.user.findUniqueOrThrow({ where: { id: admin.id } });
    expect((await listPlans((await loadActiveUser(after.id, after.sessionVersion))!, {})).length).toBeGreaterThan(0);
  });
});

describe("sign-in sends the browser back only to this site (#13.3)", () => {
  it.each([
    ["/projects?plan=3", "/projects?plan=3"],
    ["/finance/3?period=2026-12#units", "/finance/3?period=2026-12#units"],
    ["/\\evil.example/", "/"],
    ["/\t/evil.example/", "/"],
    ["//evil.example/", "/"],
    ["https://evil.example/", "/"],
    ["/%5Cevil.example", "/%5Cevil.example"],
    ["javascript:alert(1)", "/"],
    ["", "/"],
  ])("%j → %j", (raw, expected) => {
    expect(safeCallbackPath(raw)).toBe(expected);
  });
});

describe("the project search takes % and _ literally (#13.14)", () => {
  it("finds names containing them, not everything", async () => {
    const { plan, section, units } = await makePlan(db, { unitNames: ["百分县"] });
    await makeProject(db, { planId: plan.id, sectionId: section.id, unitId: units[0].id, name: "达标率100%工程" });
    await makeProject(db, { planId: plan.id, sectionId: section.id, unitId: units[0].id, name: "普通项目甲" });
    await makeProject(db, { planId: plan.id, sectionId: section.id, unitId: units[0].id, name: "下划线_项目" });
    const viewer = await sessionFor("VIEWER");
    const names = async (q: string) => (await listProjects(viewer, { plan: String(plan.id), q })).rows.map((r) => r.name);
    expect(await names("%")).toEqual(["达标率100%工程"]);
    expect(await names("_")).toEqual(["下划线_项目"]);
  });
});

describe("sign-in guesses are claimed before they are checked (#13.1)", () => {
  it("50 concurrent wrong passwords plus the right one: at most 5 are checked, the rest are refused unchecked", async () => {
    const u = await makeUser(db, { role: "VIEWER", password: "Right-password-1" });
    // Each from its own address, so only the account's limit applies.
    const attempts = Array.from({ length: 51 }, (_, i) =>
      verifyCredentials(u.username, i === 25 ? "Right-password-1" : `wrong-${i}`, `10.13.${i >> 8}.${i & 255}`),
    );
    const outcomes = await Promise.allSettled(attempts);
    const code = (o: PromiseSettledResult<unknown>) => (o.status === "fulfilled" ? "OK" : (o.reason as { code: string }).code);
    const counts = outcomes.reduce<Record<string, number>>((a, o) => ({ ...a, [code(o)]: (a[code(o)] ?? 0) + 1 }), {});
    // Checked = answered "wrong password" or signed in; everything else was refused before the check.
    expect((counts.UNAUTHENTICATED ?? 0) + (counts.OK ?? 0)).toBeLessThanOrEqual(MAX_FAILURES_PER_ACCOUNT);
    expect(counts.RATE_LIMITED).toBeGreaterThanOrEqual(51 - MAX_FAILURES_PER_ACCOUNT);
    // Afterwards the account is locked, the right password included, unless it was among the checked ones.
    if (!counts.OK) await expectAppError(verifyCredentials(u.username, "Right-password-1", "10.13.9.9"), "RATE_LIMITED");
  });

  it("a right password after a few wrong ones gives the claims back: the next mistakes start from zero", async () => {
    const u = await makeUser(db, { role: "VIEWER", password: "Right-password-1" });
    for (let i = 0; i < 4; i++) await expectAppError(verifyCredentials(u.username, "wrong", "10.14.0.1"), "UNAUTHENTICATED");
    expect((await verifyCredentials(u.username, "Right-password-1", "10.14.0.1")).id).toBe(u.id);
    for (let i = 0; i < 4; i++) await expectAppError(verifyCredentials(u.username, "wrong", "10.14.0.1"), "UNAUTHENTICATED");
    expect((await verifyCredentials(u.username, "Right-password-1", "10.14.0.1")).id).toBe(u.id);
  });
});

describe("the throttle's address is the socket's unless a trusted proxy forwarded it (#13.2)", () => {
  const none = parseTrustedProxies("");
  const proxy = parseTrustedProxies("10.0.0.5, 172.16.0.0/12");
  it.each([
    ["no proxy configured: a forged X-Forwarded-For is ignored", "203.0.113.7", "1.2.3.4", none, "203.0.113.7"],
    ["IPv4-mapped socket address", "::ffff:203.0.113.7", undefined, none, "203.0.113.7"],
    ["a trusted proxy: the entry it appended", "10.0.0.5", "1.2.3.4, 198.51.100.9", proxy, "198.51.100.9"],
    ["two trusted hops: skipped from the right", "10.0.0.5", "1.2.3.4, 198.51.100.9, 172.16.3.4", proxy, "198.51.100.9"],
    ["an untrusted peer naming a trusted proxy gains nothing", "198.51.100.9", "10.0.0.5", proxy, "198.51.100.9"],
  ])("%s", (_name, socket, forwarded, proxies, expected) => {
    expect(clientAddress(socket, forwarded, proxies)).toBe(expected);
  });
  it("a malformed TRUSTED_PROXIES stops the server at start rather than trusting the wrong peers", () => {
    expect(() => parseTrustedProxies("10.0.0.0/40")).toThrow(/invalid prefix/);
    expect(() => parseTrustedProxies("proxy.internal")).toThrow(/not an IP address/);
  });
});

describe("ending access ends API tokens too (#13.5)", () => {
  it.each([
    ["a password reset", async (id: number) => resetPassword(await sessionFor("ADMIN"), { id, password: "Temp-password-2" })],
    [
      "a role change",
      async (id: number) => {
        const u = await db.user.findUniqueOrThrow({ where: { id } });
        await updateUser(await sessionFor("ADMIN"), {
          id,
          version: u.version,
          displayName: u.displayName,
          role: "FINANCE_REVIEWER",
          unitIds: [],
          disabled: false,
          reason: "调岗",
        });
      },
    ],
    [
      "disabling the account",
      async (id: number) => {
        const u = await db.user.findUniqueOrThrow({ where: { id } });
        await updateUser(await sessionFor("ADMIN"), {
          id,
          version: u.version,
          displayName: u.displayName,
          role: "ADMIN",
          unitIds: [],
          disabled: true,
          reason: "离职",
        });
      },
    ],
  ])("after %s the issuer's tokens no longer work and are listed as ended", async (_name, end) => {
    const admin = await makeUser(db, { role: "ADMIN" });
    const actor = (await loadActiveUser(admin.id, admin.sessionVersion))!;
    const { token, id } = await issueToken(actor, { name: "对接" });
    expect((await userForToken(token))?.id).toBe(admin.id);
    await end(admin.id);
    expect(await userForToken(token)).toBeNull();
    const listed = (await listTokens(await sessionFor("ADMIN"), {})).find((t) => t.id === id)!;
    expect(listed.ended).toBe(true);
  });

  it("a signed-out session id is refused from then on, until it would have expired", async () => {
    const sid = `test-${Date.now()}`;
    expect(await isSessionRevoked(sid)).toBe(false);
    await revokeSession(sid, Math.floor(Date.now() / 1000) + 3600);
    expect(await isSessionRevoked(sid)).toBe(true);
    await revokeSession(sid, Math.floor(Date.now() / 1000) + 3600); // signing out twice is harmless
    expect(await db.revokedSession.count({ where: { sessionId: sid } })).toBe(1);
  });
});

describe("values the columns cannot hold are a 400 with a message, and change nothing (#13.6)", () => {
  it("money: overflow of NUMERIC(18,4) and more decimals than stored are refused on every money-bearing form", async () => {
    const { plan, section, units } = await makePlan(db, { unitNames: ["溢出县"] });
    const p = await makeProject(db, { planId: plan.id, sectionId: section.id, unitId: units[0].id });
    const officer = await sessionFor("COUNTY_OFFICER", [units[0].id]);
    const finance = await sessionFor("FINANCE_REVIEWER");
    const before = await db.auditEvent.count();
    const report = (over: Record<string, unknown>) => ({ projectId: p.id, period: "2025-03", moneyUnit: "wan", completedAmount: "1", ...over });
    for (const [call, field] of [
      [() => saveReport(officer, report({ moneyUnit: "yi", completedAmount: "99999999999999" })), "completedAmount"],
      [() => saveReport(officer, report({ completedAmount: "1.23456789" })), "completedAmount"],
      [() => saveReport(officer, report({ fundsLocal: "0.00001" })), "fundsLocal"],
      [() => setAnnualPlan(finance, { projectId: p.id, year: 2025, amount: "1.00001", moneyUnit: "wan", reason: "下达" }), "amount"],
      [() => proposeAnnualPlan(officer, { projectId: p.id, year: 2025, amount: "99999999999999", moneyUnit: "yi" }), "amount"],
    ] as const) {
      const e = await expectAppError(call(), "VALIDATION");
      expect(e.fieldErrors?.[field]?.[0]).toContain("超出可保存的范围");
    }
    expect(await db.auditEvent.count()).toBe(before);
    // 8 decimals in 亿元 are 4 in 万元: exact, stored as typed, and an identical re-save changes nothing.
    const saved = await saveReport(officer, report({ moneyUnit: "yi", completedAmount: "0.00012345" }));
    const row = await db.progressReport.findUniqueOrThrow({ where: { id: saved.id } });
    expect(row.completedAmount?.toString()).toBe("1.2345");
    const audits = await db.auditEvent.count();
    await saveReport(officer, report({ moneyUnit: "wan", completedAmount: "1.2345", version: row.version }));
    expect(await db.auditEvent.count()).toBe(audits);
    expect((await db.progressReport.findUniqueOrThrow({ where: { id: saved.id } })).version).toBe(row.version);
  });

  it.each([
    ["an id above 2³¹", { id: "2147483648" }],
    ["a negative id", { id: "-1" }],
    ["an id in exponent form", { id: "1e3" }],
  ])("%s in a route's path answers 400 with a message", async (_name, params) => {
    const admin = await makeUser(db, { role: "ADMIN" });
    const { token } = await issueToken((await loadActiveUser(admin.id, admin.sessionVersion))!, { name: "fuzz" });
    const res = await patchProject(
      new Request(`http://localhost/api/v1/projects/${params.id}`, {
        method: "PATCH",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: "{}",
      }),
      { params: Promise.resolve(params) },
    );
    expect(res.status).toBe(400);
    expect((await res.json()).error.fieldErrors.id[0]).toBe("编号无效");
  });

  it.each([
    ["2025-02-30", "an impossible day"],
    ["2025-13-01", "a 13th month"],
    ["0000-01-01", "year 0"],
  ])("a milestone date %s (%s) is refused, not rolled over", async (day) => {
    const { plan, section, units } = await makePlan(db, { unitNames: ["日期县"] });
    const p = await makeProject(db, { planId: plan.id, sectionId: section.id, unitId: units[0].id });
    const officer = await sessionFor("COUNTY_OFFICER", [units[0].id]);
    const e = await expectAppError(
      saveMilestones(officer, { projectId: p.id, listVersion: 1, milestones: [{ name: "开工", plannedDate: day, actualDate: "" }] }),
      "VALIDATION",
    );
    expect(e.fieldErrors?.["milestones.0.plannedDate"]?.[0]).toContain("有效日期");
    expect(await db.milestone.count({ where: { projectId: p.id } })).toBe(0);
  });

  it.each(["0000-01", "2025-13", "2025-Q5", "2025-3"])("a period %s is refused with the expected form", async (period) => {
    const { plan, section, units } = await makePlan(db, { unitNames: ["期次县"] });
    const p = await makeProject(db, { planId: plan.id, sectionId: section.id, unitId: units[0].id });
    const officer = await sessionFor("COUNTY_OFFICER", [units[0].id]);
    const e = await expectAppError(saveReport(officer, { projectId: p.id, period, moneyUnit: "wan", completedAmount: "1" }), "VALIDATION");
    expect(e.fieldErrors?.period?.[0]).toContain("2025-03");
  });

  it("the audit CSV with a bad date is a 400, not a 200 with only a header", async () => {
    const admin = await makeUser(db, { role: "ADMIN" });
    const { token } = await issueToken((await loadActiveUser(admin.id, admin.sessionVersion))!, { name: "csv" });
    const res = await csvRoute(new Request("http://localhost/api/v1/exports/csv/audit?from=2025-13-45", { headers: { authorization: `Bearer ${token}` } }), {
      params: Promise.resolve({ list: "audit" }),
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.fieldErrors.from[0]).toContain("开始日期无效");
  });

  it("page links with values a page cannot use are answered 400 with the reason (proxy.ts)", () => {
    expect(pageQueryProblems("/finance/3", new URLSearchParams("period=2025-13"))).toEqual([expect.stringContaining("期次格式不正确")]);
    expect(pageQueryProblems("/admin/audit", new URLSearchParams("from=2025-13-45"))).toEqual([expect.stringContaining("开始日期无效")]);
    expect(pageQueryProblems("/finance/3/projects", new URLSearchParams("unit=99999999999"))).toHaveLength(1);
    expect(pageQueryProblems("/finance/3", new URLSearchParams("period=2025-03"))).toEqual([]);
    expect(pageQueryProblems("/projects", new URLSearchParams("page=abc&q=%"))).toEqual([]); // a bad page number is page 1
  });
});

describe("request bodies are capped while they stream in (#13.7)", () => {
  // A body that never ends, in 64 KB chunks, counting what the server pulled.
  function endless() {
    let pulled = 0;
    const chunk = new Uint8Array(64 * 1024).fill(0x20);
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        pulled += chunk.byteLength;
        c.enqueue(chunk);
      },
    });
    return { body, pulled: () => pulled };
  }
  const request = (url: string, body: ReadableStream<Uint8Array>, headers: Record<string, string>) =>
    new Request(url, { method: "POST", body, headers, duplex: "half" } as RequestInit);

  it("a chunked JSON body without Content-Length is refused with 413 after ~1 MB, not read to the end", async () => {
    const admin = await makeUser(db, { role: "ADMIN" });
    const { token } = await issueToken((await loadActiveUser(admin.id, admin.sessionVersion))!, { name: "body" });
    const { body, pulled } = endless();
    const res = await postReport(request("http://localhost/api/v1/reports", body, { authorization: `Bearer ${token}`, "content-type": "application/json" }));
    expect(res.status).toBe(413);
    expect((await res.json()).error.message).toContain("请求体过大");
    expect(pulled()).toBeLessThan(JSON_BODY_MAX_BYTES + 256 * 1024);
  });

  it("a chunked import upload is refused once past the file limit, whatever Content-Length claims", async () => {
    const admin = await makeUser(db, { role: "ADMIN" });
    const { token } = await issueToken((await loadActiveUser(admin.id, admin.sessionVersion))!, { name: "upload" });
    const { body, pulled } = endless();
    const res = await postImport(
      request("http://localhost/api/v1/imports", body, { authorization: `Bearer ${token}`, "content-type": "multipart/form-data; boundary=x" }),
    );
    expect(res.status).toBe(413);
    expect(pulled()).toBeLessThan(IMPORT_MAX_BYTES + 512 * 1024);
  });
});

describe("a milestone list saved from a stale form is a conflict, not a deletion (#13.8)", () => {
  it("20 officers each add a milestone to the same list they loaded: one saves, 19 are told, nothing is lost", async () => {
    const { plan, section, units } = await makePlan(db, { unitNames: ["节点县"] });
    const p = await makeProject(db, { planId: plan.id, sectionId: section.id, unitId: units[0].id });
    const officers = await Promise.all(Array.from({ length: 20 }, () => sessionFor("COUNTY_OFFICER", [units[0].id])));
    const results = await Promise.allSettled(
      officers.map((o, i) =>
        saveMilestones(o, { projectId: p.id, listVersion: 1, milestones: [{ name: `新增节点${i}`, plannedDate: "2025-06-01", actualDate: "" }] }),
      ),
    );
    const rejected = results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason as { code: string; message: string });
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(rejected).toHaveLength(19);
    expect(rejected.every((e) => e.code === "CONFLICT" && e.message.includes("其他人已修改了本项目的节点"))).toBe(true);
    expect(await db.milestone.count({ where: { projectId: p.id, deletedAt: null } })).toBe(1);
    expect(await db.auditEvent.count({ where: { entityType: "Milestone", action: "milestone.add", unitId: units[0].id } })).toBe(1);
    // The next save from the fresh list keeps the saved milestone and adds another.
    const fresh = await db.milestone.findFirstOrThrow({ where: { projectId: p.id } });
    await saveMilestones(officers[0], {
      projectId: p.id,
      listVersion: 2,
      milestones: [
        { id: fresh.id, version: fresh.version, name: fresh.name, plannedDate: "2025-06-01", actualDate: "" },
        { name: "第二个", plannedDate: "", actualDate: "" },
      ],
    });
    expect(await db.milestone.count({ where: { projectId: p.id, deletedAt: null } })).toBe(2);
  });
});
