import type { z } from "zod";
import "./zod-locale"; // every message zod writes itself in Chinese (ours, set on schemas, win)
import { AppError, type FieldErrors } from "@/lib/errors";

const INVALID = "提交的内容有误，请按提示修改。";

// Parses input with an operation's schema; failures become a VALIDATION error whose field errors
// the form shows next to each field.
export function validate<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: FieldErrors = {};
    for (const issue of parsed.error.issues) {
      const key = issue.path.join(".") || "_form";
      (fieldErrors[key] ??= []).push(issue.message);
    }
    throw new AppError("VALIDATION", INVALID, fieldErrors);
  }
  // PostgreSQL text cannot hold U+0000: refused here for every field of every operation, rather than
  // failing inside the database.
  const nul = pathWithNul(parsed.data, []);
  if (nul) throw new AppError("VALIDATION", INVALID, { [nul.join(".") || "_form"]: ["不能包含空字符（U+0000）"] });
  return parsed.data;
}

function pathWithNul(value: unknown, path: (string | number)[]): (string | number)[] | null {
  if (typeof value === "string") return value.includes("\u0000") ? path : null;
  if (value === null || typeof value !== "object" || value instanceof Uint8Array) return null;
  for (const [k, v] of Object.entries(value)) {
    const found = pathWithNul(v, [...path, k]);
    if (found) return found;
  }
  return null;
}
