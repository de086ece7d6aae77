import { beforeAll, describe, expect, it } from "vitest";
import { GET as getPlans } from "@/app/api/v1/plans/route";
import { GET as getRollups } from "@/app/api/v1/rollups/route";
import { db } from "@/lib/db";
import { issueToken } from "@/lib/server/api-tokens/issue-token";
import { listTokens } from "@/lib/server/api-tokens/list-tokens";
import { revokeToken } from "@/lib/server/api-tokens/revoke-token";
import { hashToken } from "@/lib/server/api-tokens/token-hash";
import type { SessionUser } from "@/lib/server/auth/current-user";
import { getDashboard } from "@/lib/server/finance/get-dashboard";
import { makeUser } from "@/lib/server/seed/factories";
import { expectAppError, sessionFor } from "../support/users";

let admin: SessionUser;
let yueyang: number;
const call = (path: string, token: string, scheme = "Bearer") =>
  new Request(`http://localhost${path}`, { headers: { authorization: `${scheme} ${token}`.trim() } });

beforeAll(async () => {
  admin = await sessionFor("ADMIN");
  yueyang = (await db.plan.findUniqueOrThrow({ where: { key: "yueyang" } })).id;
});

describe("API tokens", () => {
  it("only admins issue and revoke; the token is shown once and stored hashed; issuing is audited", async () => {
    for (const role of ["FINANCE_REVIEWER", "COUNTY_OFFICER", "VIEWER"] as const) {
      await expectAppError(issueToken(await sessionFor(role), { name: "x" }), "FORBIDDEN");
    }
    await expectAppError(issueToken(admin, { name: " " }), "VALIDATION");
    const issued = await issueToken(admin, { name: "报表系统" });
    expect(issued.token).toMatch(/^plt_[A-Za-z0-9_-]{43}$/);
    const row = await db.apiToken.findUniqueOrThrow({ where: { id: issued.id } });
    expect(row.tokenHash).toBe(hashToken(issued.token));
    expect(JSON.stringify(row)).not.toContain(issued.token);
    expect(issued.token.startsWith(row.prefix)).toBe(true);
    expect(await db.auditEvent.count({ where: { entityType: "ApiToken", entityId: String(issued.id), action: "apiToken.issue" } })).toBe(1);
    expect((await listTokens(admin, {})).some((t) => t.id === issued.id && t.prefix === row.prefix)).toBe(true);
    await expectAppError(listTokens(await sessionFor("FINANCE_REVIEWER"), {}), "FORBIDDEN");
  });

  it("a token authenticates API calls until revoked; garbage and revoked tokens get 401", async () => {
    const { id, token } = await issueToken(admin, { name: "临时" });
    const ok = await getPlans(call("/api/v1/plans", token));
    expect(ok.status).toBe(200);
    const body = await ok.json();
    expect(body.plans.map((p: { title: string }) => p.title)).toContain("健康岳阳“十四五”发展规划");
    expect(body.plans[0]).toMatchObject({ id: expect.any(Number), level: expect.any(String), period: { start: expect.any(Number), end: expect.any(Number) } });
    expect((await db.apiToken.findUniqueOrThrow({ where: { id } })).lastUsedAt).not.toBeNull();

    expect((await getPlans(call("/api/v1/plans", "plt_not-a-real-token"))).status).toBe(401);
    expect((await getPlans(call("/api/v1/plans", ""))).status).toBe(401);
    expect((await getPlans(call("/api/v1/plans", token, "Basic"))).status).toBe(401);
    await revokeToken(admin, { id });
    const refused = await getPlans(call("/api/v1/plans", token));
    expect(refused.status).toBe(401);
    expect((await refused.json()).error.code).toBe("UNAUTHENTICATED");
  });

  it("a token acts as its issuer now: a disabled issuer's tokens stop working", async () => {
    const other = await makeUser(db, { role: "ADMIN" });
    const issuer = (await (await import("@/lib/server/auth/current-user")).loadActiveUser(other.id, other.sessionVersion))!;
    const { token } = await issueToken(issuer, { name: "停用测试" });
    expect((await getPlans(call("/api/v1/plans", token))).status).toBe(200);
    await db.user.update({ where: { id: other.id }, data: { disabledAt: new Date() } });
    expect((await getPlans(call("/api/v1/plans", token))).status).toBe(401);
  });
});

describe("GET /api/v1/rollups returns what the dashboard shows", () => {
  it("by unit and by category: the same rows, figures and rates as the dashboard tables, money as exact strings in 万元", async () => {
    const { token } = await issueToken(admin, { name: "对账" });
    const dashboard = JSON.parse(JSON.stringify(await getDashboard(admin, { plan: yueyang })));
    for (const [by, rows] of [
      ["unit", dashboard.units],
      ["category", dashboard.categories],
    ] as const) {
      const res = await getRollups(call(`/api/v1/rollups?plan=${yueyang}&by=${by}`, token));
      expect(res.status).toBe(200);
      const body = await res.json();
      expect(body).toMatchObject({ by, period: dashboard.period, asOf: dashboard.asOf, moneyUnit: "万元", includeSubmitted: false });
      expect(body.rows).toEqual(rows);
      expect(body.total).toEqual(dashboard.total);
    }
    // 健康岳阳's appendix adds up to 227.736 亿元 = 2277360 万元.
    const res = await (await getRollups(call(`/api/v1/rollups?plan=${yueyang}&by=unit`, token))).json();
    expect(res.total.totalWan).toMatch(/^2277360(\.0+)?$/);
    expect(typeof res.total.totalWan).toBe("string");
  });

  it("bad parameters are 400 with a message; an unknown plan is 404", async () => {
    const { token } = await issueToken(admin, { name: "参数" });
    const bad = await getRollups(call(`/api/v1/rollups?plan=${yueyang}&by=county`, token));
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.fieldErrors.by).toBeDefined();
    expect((await getRollups(call(`/api/v1/rollups?by=unit`, token))).status).toBe(400);
    expect((await getRollups(call(`/api/v1/rollups?plan=${yueyang}&period=2025-13`, token))).status).toBe(400);
    expect((await getRollups(call(`/api/v1/rollups?plan=99999`, token))).status).toBe(404);
  });
});
