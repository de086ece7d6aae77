import type { z } from "zod";
import { AppError, type FieldErrors } from "@/lib/errors";

// Parses input with an operation's schema; failures become a VALIDATION error whose field errors
// the form shows next to each field.
export function validate<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fieldErrors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path.join(".") || "_form";
    (fieldErrors[key] ??= []).push(issue.message);
  }
  throw new AppError("VALIDATION", "提交的内容有误，请按提示修改。", fieldErrors);
}
