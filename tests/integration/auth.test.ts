import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { loadActiveUser } from "@/lib/server/auth/current-user";
import { MAX_FAILURES_PER_ACCOUNT, verifyCredentials } from "@/lib/server/auth/verify-credentials";
import { makeUser } from "@/lib/server/seed/factories";
import { changePassword } from "@/lib/server/users/change-password";
import { resetPassword } from "@/lib/server/users/reset-password";
import { updateUser } from "@/lib/server/users/update-user";
import { expectAppError, sessionFor } from "../support/users";

const PASSWORD = "Right-password-1";

describe("sign-in", () => {
  it("accepts the right password and refuses a wrong one with a Chinese message", async () => {
    const u = await makeUser(db, { role: "VIEWER", password: PASSWORD });
    expect((await verifyCredentials(u.username, PASSWORD, "10.0.0.1")).id).toBe(u.id);
    const err = await expectAppError(verifyCredentials(u.username, "wrong", "10.0.0.1"), "UNAUTHENTICATED");
    expect(err.message).toBe("用户名或密码错误。");
    await expectAppError(verifyCredentials("nobody-at-all", "x", "10.0.0.1"), "UNAUTHENTICATED");
  });

  it(`locks an account for 15 minutes after ${MAX_FAILURES_PER_ACCOUNT} failures, even for the right password`, async () => {
    const u = await makeUser(db, { role: "VIEWER", password: PASSWORD });
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) await expectAppError(verifyCredentials(u.username, "wrong", `10.1.0.${i}`), "UNAUTHENTICATED");
    const err = await expectAppError(verifyCredentials(u.username, PASSWORD, "10.1.1.1"), "RATE_LIMITED");
    expect(err.message).toMatch(/登录失败次数过多，请 1[45] 分钟后再试。/);
  });

  it("locks an address after too many failures across accounts", async () => {
    const u = await makeUser(db, { role: "VIEWER", password: PASSWORD });
    for (let i = 0; i < 20; i++) await expectAppError(verifyCredentials(`ghost-${i}`, "wrong", "10.2.0.1"), "UNAUTHENTICATED");
    await expectAppError(verifyCredentials(u.username, PASSWORD, "10.2.0.1"), "RATE_LIMITED");
    expect((await verifyCredentials(u.username, PASSWORD, "10.2.0.2")).id).toBe(u.id);
  });

  it("a disabled user cannot sign in and loses access at the next request", async () => {
    const admin = await sessionFor("ADMIN");
    const u = await makeUser(db, { role: "VIEWER", password: PASSWORD });
    expect(await loadActiveUser(u.id, u.sessionVersion)).not.toBeNull();
    await updateUser(admin, { id: u.id, version: u.version, displayName: u.displayName, role: "VIEWER", unitIds: [], disabled: true, reason: "离职" });
    expect(await loadActiveUser(u.id, u.sessionVersion)).toBeNull();
    const err = await expectAppError(verifyCredentials(u.username, PASSWORD, "10.3.0.1"), "FORBIDDEN");
    expect(err.message).toContain("已停用");
  });

  it("an admin reset forces a password change and ends existing sessions", async () => {
    const admin = await sessionFor("ADMIN");
    const u = await makeUser(db, { role: "VIEWER", password: PASSWORD });
    await resetPassword(admin, { id: u.id, password: "Temporary-pass-2" });
    expect(await loadActiveUser(u.id, u.sessionVersion)).toBeNull();
    const fresh = await db.user.findUniqueOrThrow({ where: { id: u.id } });
    const session = (await loadActiveUser(u.id, fresh.sessionVersion))!;
    expect(session.mustChangePassword).toBe(true);
    await expectAppError(changePassword(session, { current: "wrong", password: "Brand-new-pass-3", confirm: "Brand-new-pass-3" }), "VALIDATION");
    await changePassword(session, { current: "Temporary-pass-2", password: "Brand-new-pass-3", confirm: "Brand-new-pass-3" });
    expect((await verifyCredentials(u.username, "Brand-new-pass-3", "10.4.0.1")).mustChangePassword).toBe(false);
    const audit = await db.auditEvent.findMany({ where: { entityType: "User", entityId: String(u.id) }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["user.resetPassword", "user.changePassword"]);
    expect(JSON.stringify(audit.map((a) => a.changes))).not.toMatch(/Temporary|Brand-new/);
  });

  it("weak passwords are refused with the rule", async () => {
    const session = await sessionFor("VIEWER");
    const err = await expectAppError(changePassword(session, { current: "Test-password-1", password: "short", confirm: "short" }), "VALIDATION");
    expect(err.fieldErrors?.password?.[0]).toBe("密码至少 10 位，且须同时包含字母和数字");
  });
});

describe("user administration", () => {
  it("a county officer needs at least one unit; unit changes are audited by name", async () => {
    const admin = await sessionFor("ADMIN");
    const unit = await db.reportingUnit.findFirstOrThrow({ where: { name: "平江县" } });
    const u = await makeUser(db, { role: "VIEWER" });
    const err = await expectAppError(
      updateUser(admin, { id: u.id, version: u.version, displayName: "x", role: "COUNTY_OFFICER", unitIds: [], disabled: false, reason: "" }),
      "VALIDATION",
    );
    expect(err.fieldErrors).toEqual({ unitIds: ["县级项目专干至少要负责一个填报单位"] });
    await updateUser(admin, {
      id: u.id,
      version: u.version,
      displayName: u.displayName,
      role: "COUNTY_OFFICER",
      unitIds: [unit.id],
      disabled: false,
      reason: "调岗",
    });
    const [event] = await db.auditEvent.findMany({ where: { entityType: "User", entityId: String(u.id) } });
    expect(event.changes).toEqual([
      { field: "role", old: "VIEWER", new: "COUNTY_OFFICER" },
      { field: "units", old: null, new: "yueyang/平江县" },
    ]);
  });

  it("an admin cannot lock themselves out", async () => {
    const admin = await sessionFor("ADMIN");
    const me = await db.user.findUniqueOrThrow({ where: { id: admin.id } });
    await expectAppError(
      updateUser(admin, { id: me.id, version: me.version, displayName: me.displayName, role: "ADMIN", unitIds: [], disabled: true, reason: "" }),
      "VALIDATION",
    );
  });
});

describe("database faults", () => {
  it("a query against an unreachable server fails fast and is classified as unavailable (503), not a generic 500", async () => {
    const { PrismaPg } = await import("@prisma/adapter-pg");
    const { PrismaClient } = await import("@/lib/generated/prisma/client");
    const { isDatabaseUnavailable } = await import("@/lib/errors");
    const { runAction } = await import("@/lib/server/run-action");
    const down = new PrismaClient({ adapter: new PrismaPg({ connectionString: "postgresql://x:y@127.0.0.1:1/none", connectionTimeoutMillis: 1000 }) });
    const started = Date.now();
    const result = await runAction(() => down.plan.count());
    expect(Date.now() - started).toBeLessThan(5000);
    expect(result).toEqual({ ok: false, code: "UNAVAILABLE", message: "数据库暂时无法连接，请稍后重试。" });
    expect(isDatabaseUnavailable(new Error("syntax error at or near"))).toBe(false);
  });
});
