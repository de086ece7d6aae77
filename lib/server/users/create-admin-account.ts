import "server-only";
import crypto from "node:crypto";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { adminAccountSchema } from "@/lib/schemas/user";
import { validate } from "@/lib/schemas/validate";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { hashPassword } from "@/lib/server/auth/password";
import { isUniqueViolation } from "@/lib/server/unique-violation";
import { createdUserChanges } from "./create-user";

// An administrator created from the server's command line (scripts/create-admin.ts): whoever can run
// commands on the server is trusted already, so there is no signed-in actor; the audit row says where
// it came from. The account gets a random temporary password, shown once, that must be changed at the
// first sign-in (as after an admin's reset), so no known password ever opens a new installation.
export async function createAdminAccount(input: unknown): Promise<{ id: number; username: string; password: string }> {
  const v = validate(adminAccountSchema, input);
  const password = temporaryPassword();
  const passwordHash = await hashPassword(password);
  const taken = () =>
    new AppError("VALIDATION", `用户名 ${v.username} 已存在：请换一个用户名（已有账号的密码由管理员在“用户”页重置）。`, {
      username: ["该用户名已被使用"],
    });
  return db.$transaction(async (tx) => {
    // A taken name, or two commands with one name at once: the unique index decides.
    const user = await tx.user
      .create({ data: { username: v.username, displayName: v.displayName, role: "ADMIN", passwordHash, mustChangePassword: true } })
      .catch((e: unknown) => {
        throw isUniqueViolation(e) ? taken() : e;
      });
    await recordAudit(tx, {
      actorId: null,
      action: "user.create",
      entityType: "User",
      entityId: user.id,
      entityVersion: user.version,
      changes: createdUserChanges(user),
      reason: "服务器命令行创建（npm run admin:create）",
    });
    return { id: user.id, username: user.username, password };
  });
}

// 16 characters from an alphabet without look-alikes (no 0/O, 1/l/I), always with letters and digits
// (the password rule, lib/schemas/user.ts).
const LETTERS = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ";
const DIGITS = "23456789";
function temporaryPassword(): string {
  const pick = (alphabet: string) => alphabet[crypto.randomInt(alphabet.length)];
  const chars = [pick(LETTERS), pick(DIGITS), ...Array.from({ length: 14 }, () => pick(LETTERS + DIGITS))];
  for (let i = chars.length - 1; i > 0; i--) {
    const j = crypto.randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join("");
}
