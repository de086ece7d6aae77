import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { hashPassword, verifyPassword } from "./password";

export const LOCK_MINUTES = 15;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;

// Computed once so that an unknown username costs the same time as a wrong password.
let dummyHash: Promise<string> | undefined;

// Every attempt first claims a slot in its account's and its address's counters, in one atomic
// statement each, and only a claim within the limit gets its password checked. So however many
// attempts arrive at once, no more than 5 guesses per account (20 per address) are ever checked in a
// window (#13.1). A right password gives its claims back; wrong ones keep them and, at the limit,
// lock the key for LOCK_MINUTES. Counters start afresh once a lock or a quiet window has passed.
export async function verifyCredentials(username: string, password: string, address: string) {
  const name = username.trim();
  if (!name || !password) throw new AppError("VALIDATION", "请输入用户名和密码。");
  const account = `user:${name.toLowerCase()}`;
  const from = `ip:${address}`;

  const claims = [await claim(account, MAX_FAILURES_PER_ACCOUNT), await claim(from, MAX_FAILURES_PER_ADDRESS)];
  const refused = claims.find((c) => !c.allowed);
  if (refused) {
    await Promise.all(claims.filter((c) => c.allowed).map((c) => release(c.key)));
    const minutes = Math.max(1, Math.ceil((refused.until.getTime() - Date.now()) / 60000));
    throw new AppError("RATE_LIMITED", `登录失败次数过多，请 ${minutes} 分钟后再试。`);
  }

  const user = await db.user.findUnique({ where: { username: name } });
  const ok = user ? await verifyPassword(user.passwordHash, password) : await verifyPassword(await (dummyHash ??= hashPassword("x")), password);
  if (!user || !ok) throw new AppError("UNAUTHENTICATED", "用户名或密码错误。");
  // The right password: the account starts afresh; the address gives back this attempt's claim.
  await db.loginThrottle.deleteMany({ where: { key: account } });
  await release(from);
  if (user.disabledAt) throw new AppError("FORBIDDEN", "该账号已停用，请联系规划办管理员。");
  return user;
}

type Claim = { key: string; allowed: boolean; until: Date };

// One statement: start afresh after a lock or a quiet window has passed, else count this attempt; the
// attempt that reaches the limit sets the lock (it is still checked: the limit counts checked guesses).
async function claim(key: string, max: number): Promise<Claim> {
  const t = Prisma.raw(`"LoginThrottle"`);
  const expired = Prisma.sql`(${t}."lockedUntil" <= now() OR (${t}."lockedUntil" IS NULL AND ${t}."updatedAt" < now() - make_interval(mins => ${LOCK_MINUTES})))`;
  const [row] = await db.$queryRaw<{ failures: number; lockedUntil: Date }[]>`
    INSERT INTO "LoginThrottle" (key, failures, "lockedUntil", "updatedAt") VALUES (${key}, 1, NULL, now())
    ON CONFLICT (key) DO UPDATE SET
      failures = CASE WHEN ${expired} THEN 1 ELSE ${t}.failures + 1 END,
      "lockedUntil" = CASE
        WHEN ${expired} THEN NULL
        WHEN ${t}.failures + 1 >= ${max} THEN COALESCE(${t}."lockedUntil", now() + make_interval(mins => ${LOCK_MINUTES}))
        ELSE ${t}."lockedUntil" END,
      "updatedAt" = now()
    RETURNING failures, COALESCE("lockedUntil", now()) AS "lockedUntil"`;
  return { key, allowed: row.failures <= max, until: row.lockedUntil };
}

async function release(key: string) {
  await db.$executeRaw`UPDATE "LoginThrottle" SET failures = GREATEST(failures - 1, 0), "updatedAt" = now() WHERE key = ${key} AND "lockedUntil" IS NULL`;
}
