import "./zod-locale"; // zod's messages in Chinese, wherever schemas are used
import { z } from "zod";

export const loginSchema = z.object({
  username: z.string().trim().min(1, "请输入用户名").max(64, "用户名过长"),
  password: z.string().min(1, "请输入密码").max(256, "密码过长"),
});
export type LoginInput = z.infer<typeof loginSchema>;
