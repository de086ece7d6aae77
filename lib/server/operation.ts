import "server-only";
import type { z } from "zod";
import { AppError } from "@/lib/errors";
import { grantOf, type Action } from "@/lib/permissions";
import { validate } from "@/lib/schemas/validate";
import { timed } from "@/lib/server-timing";
import type { SessionUser } from "./auth/current-user";

// The one way to write an operation, read or write. Steps, always in this order:
//   1. the role's permission for the operation (lib/permissions.ts), before the input is looked at
//      (and nothing but the password change while one is due);
//   2. the input, parsed with the operation's zod schema (field errors come back to the form);
//   3. the body, which authorises against the record it reads (authorize(actor, action, ref): the
//      record's unit comes from the database) and, for writes, runs one transaction with its audit rows.
// Called the same way from pages, server actions (lib/server/action.ts), route handlers
// (lib/server/route.ts) and tests: `await op(actor, input)`.
export type Operation<R> = ((actor: SessionUser, input: unknown) => Promise<R>) & { permission: Action; input: z.ZodType };

export function operation<S extends z.ZodType, R>(def: {
  permission: Action;
  input: S;
  run: (actor: SessionUser, input: z.infer<S>) => Promise<R>;
}): Operation<R> {
  const op = async (actor: SessionUser, input: unknown): Promise<R> => {
    assertPermission(actor, def.permission);
    const parsed = validate(def.input, input);
    return timed("data", () => def.run(actor, parsed)); // Server-Timing (lib/server-timing)
  };
  return Object.assign(op, { permission: def.permission, input: def.input });
}

// Step 1 on its own: route handlers (lib/server/route.ts) call it before they read the request body,
// so a role without the permission is refused (403) whatever it sent, and learns nothing of the schema.
export function assertPermission(actor: SessionUser, permission: Action): void {
  if (!grantOf(actor.role, permission)) throw new AppError("FORBIDDEN", "您没有权限执行此操作。");
  // A temporary password (set by an admin's reset) opens nothing but its own change: pages, actions,
  // API tokens and routes all pass here.
  if (actor.mustChangePassword && permission !== "account.password") throw new AppError("FORBIDDEN", "请先修改密码（管理员重置后须修改密码），然后再继续。");
}
