import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import { passwordSchema } from "@/lib/schemas/user";
import { verifyPassword } from "@/lib/server/auth/password";
import { createAdminAccount } from "@/lib/server/users/create-admin-account";

// The first administrator of a new installation comes from the server's command line
// (npm run admin:create), never from a demo account with a known password.
const ROOT = path.resolve(__dirname, "../..");
const runCommand = (...args: string[]) =>
  spawnSync(path.join(ROOT, "node_modules/.bin/tsx"), ["--conditions=react-server", "scripts/create-admin.ts", ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: process.env,
  });

describe("npm run admin:create", () => {
  it("creates an administrator with a temporary password shown once, to be changed at first sign-in, audited without an actor", async () => {
    const admin = await createAdminAccount({ username: "boot.admin", displayName: " 首位管理员 " });
    expect(passwordSchema.safeParse(admin.password).success).toBe(true);
    const user = await db.user.findUniqueOrThrow({ where: { id: admin.id } });
    expect(user).toMatchObject({ username: "boot.admin", displayName: "首位管理员", role: "ADMIN", mustChangePassword: true, disabledAt: null });
    expect(await verifyPassword(user.passwordHash, admin.password)).toBe(true);
    const [audit] = await db.auditEvent.findMany({ where: { entityType: "User", entityId: String(admin.id) } });
    expect(audit).toMatchObject({ action: "user.create", actorId: null, reason: "服务器命令行创建（npm run admin:create）" });
    expect(JSON.stringify(audit.changes)).not.toContain(admin.password);
    // Another run gives another password.
    const second = await createAdminAccount({ username: "boot.admin2", displayName: "第二位" });
    expect(second.password).not.toBe(admin.password);
  });

  it("refuses a taken or malformed username with a clear message and changes nothing", async () => {
    await createAdminAccount({ username: "taken.admin", displayName: "甲" });
    const users = await db.user.count();
    const audits = await db.auditEvent.count();
    for (const [input, field, message] of [
      [{ username: "taken.admin", displayName: "乙" }, "username", "用户名 taken.admin 已存在"],
      [{ username: "有 空格", displayName: "丙" }, "username", "提交的内容有误"],
      [{ username: "ok.name", displayName: "   " }, "displayName", "提交的内容有误"],
    ] as const) {
      const error = await createAdminAccount(input).catch((e: unknown) => e);
      expect(isAppError(error) && error.code).toBe("VALIDATION");
      expect(isAppError(error) && error.message).toContain(message);
      expect(isAppError(error) && Object.keys(error.fieldErrors ?? {})).toEqual([field]);
    }
    expect(await db.user.count()).toBe(users);
    expect(await db.auditEvent.count()).toBe(audits);
  });

  it("20 concurrent creations of one username: one administrator, 19 clear refusals", async () => {
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => createAdminAccount({ username: "race.admin", displayName: "并发" })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results.filter((x) => x.status === "rejected")) {
      expect(isAppError(r.reason) && r.reason.message).toContain("用户名 race.admin 已存在");
    }
    expect(await db.user.count({ where: { username: "race.admin" } })).toBe(1);
    expect(
      await db.auditEvent.count({
        where: { action: "user.create", reason: { contains: "admin:create" }, changes: { path: ["0", "new"], equals: "race.admin" } },
      }),
    ).toBe(1);
  });

  it("runs from the command line: prints the password once, explains its usage, exits non-zero on errors", async () => {
    const ok = runCommand("ops.admin", "运维", "管理员");
    expect(ok.status).toBe(0);
    const password = /临时密码（只显示这一次）：(\S+)/.exec(ok.stdout)?.[1];
    const user = await db.user.findUniqueOrThrow({ where: { username: "ops.admin" } });
    expect(user).toMatchObject({ displayName: "运维 管理员", role: "ADMIN", mustChangePassword: true });
    expect(await verifyPassword(user.passwordHash, password ?? "")).toBe(true);

    const again = runCommand("ops.admin", "另一个");
    expect(again.status).toBe(1);
    expect(again.stderr).toContain("用户名 ops.admin 已存在");
    const usage = runCommand("only-a-name");
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain("用法：npm run admin:create -- <用户名> <姓名>");
  }, 60_000);
});
