import { z } from "zod";
import { recordId } from "./fields";

export const PASSWORD_RULE = "密码至少 10 位，且须同时包含字母和数字";
export const passwordSchema = z
  .string()
  .min(10, PASSWORD_RULE)
  .max(128, "密码不能超过 128 位")
  .refine((p) => /[A-Za-z]/.test(p) && /\d/.test(p), PASSWORD_RULE);

const role = z.enum(["ADMIN", "FINANCE_REVIEWER", "COUNTY_OFFICER", "VIEWER"], { message: "请选择角色" });
const unitIds = z.array(recordId()).max(200);
const withUnits = <T extends { role: string; unitIds: number[] }>(v: T) => v.role !== "COUNTY_OFFICER" || v.unitIds.length > 0;
const unitsRule = { path: ["unitIds"], message: "县级项目专干至少要负责一个填报单位" };

const username = z
  .string()
  .trim()
  .min(3, "用户名至少 3 位")
  .max(64, "用户名不能超过 64 位")
  .regex(/^[a-zA-Z0-9._-]+$/, "用户名只能包含字母、数字和 . _ -");
const displayName = z.string().trim().min(1, "请输入姓名").max(64, "姓名不能超过 64 字");

export const userCreateSchema = z
  .object({
    username,
    displayName,
    role,
    unitIds,
    password: passwordSchema,
  })
  .refine(withUnits, unitsRule);

export const userUpdateSchema = z
  .object({
    id: recordId(),
    version: recordId(),
    displayName,
    role,
    unitIds,
    disabled: z.boolean(),
    reason: z.string().trim().max(500, "说明不能超过 500 字"),
  })
  .refine(withUnits, unitsRule);

// An administrator created on the server's command line (npm run admin:create): the first one of a
// new installation, or a way back in when no administrator can sign in.
export const adminAccountSchema = z.object({ username, displayName });

export const passwordResetSchema = z.object({ id: recordId(), password: passwordSchema });

export const passwordChangeSchema = z
  .object({ current: z.string().min(1, "请输入当前密码"), password: passwordSchema, confirm: z.string() })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "两次输入的新密码不一致" })
  .refine((v) => v.password !== v.current, { path: ["password"], message: "新密码不能与当前密码相同" });

export type UserCreateInput = z.input<typeof userCreateSchema>;
export type UserUpdateInput = z.input<typeof userUpdateSchema>;
export type PasswordChangeInput = z.input<typeof passwordChangeSchema>;
