import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { hashPassword, verifyPassword } from "./password";

export const LOCK_MINUTES = 15;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;

// Computed once so that an unknown username costs the same time as a wrong password.
let dummyHash: Promise<string> | undefined;

export async function verifyCredentials(username: string, password: string, address: string) {
  const name = username.trim();
  if (!name || !password) throw new AppError("VALIDATION", "请输入用户名和密码。");
  const keys = [`user:${name.toLowerCase()}`, `ip:${address}`];

  const locks = await db.loginThrottle.findMany({ where: { key: { in: keys }, lockedUntil: { gt: new Date() } } });
  if (locks.length) {
    const until = new Date(Math.max(...locks.map((l) => l.lockedUntil!.getTime())));
    const minutes = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 60000));
    throw new AppError("RATE_LIMITED", `登录失败次数过多，请 ${minutes} 分钟后再试。`);
  }

  const user = await db.user.findUnique({ where: { username: name } });
  const ok = user ? await verifyPassword(user.passwordHash, password) : await verifyPassword(await (dummyHash ??= hashPassword("x")), password);
  if (!user || !ok) {
    await recordFailure(keys[0], MAX_FAILURES_PER_ACCOUNT);
    await recordFailure(keys[1], MAX_FAILURES_PER_ADDRESS);
    throw new AppError("UNAUTHENTICATED", "用户名或密码错误。");
  }
  if (user.disabledAt) throw new AppError("FORBIDDEN", "该账号已停用，请联系规划办管理员。");
  await db.loginThrottle.deleteMany({ where: { key: keys[0] } });
  return user;
}

async function recordFailure(key: string, max: number) {
  const row = await db.loginThrottle.upsert({
    where: { key },
    create: { key, failures: 1 },
    update: { failures: { increment: 1 } },
  });
  if (row.failures >= max) {
    await db.loginThrottle.update({ where: { key }, data: { failures: 0, lockedUntil: new Date(Date.now() + LOCK_MINUTES * 60000) } });
  }
}
