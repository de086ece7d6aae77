import { z } from "zod";

// An amount typed by a user: a plain non-negative decimal string ("" = unknown). Kept as a string
// end to end so no float ever touches it; converted to 万元 on the server.
export const moneyUnitSchema = z.enum(["wan", "yi"], { message: "请选择金额单位" });

export const amountSchema = z
  .string()
  .trim()
  .transform((s) => s.replace(/,/g, ""))
  .refine((s) => s === "" || /^\d{1,14}(\.\d{1,8})?$/.test(s), { message: "请输入不小于 0 的数字（最多 8 位小数），不确定请留空" });
