import { describe, expect, it } from "vitest";
import { GET as getPlans } from "@/app/api/v1/plans/route";
import { db } from "@/lib/db";
import { safeCallbackPath } from "@/lib/safe-path";
import { issueToken } from "@/lib/server/api-tokens/issue-token";
import { loadActiveUser } from "@/lib/server/auth/current-user";
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
    ["/\\evil.example/", "/plans"],
    ["/\t/evil.example/", "/plans"],
    ["//evil.example/", "/plans"],
    ["https://evil.example/", "/plans"],
    ["/%5Cevil.example", "/%5Cevil.example"],
    ["javascript:alert(1)", "/plans"],
    ["", "/plans"],
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
