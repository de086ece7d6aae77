import "server-only";
import { notFound } from "next/navigation";
import { isAppError } from "@/lib/errors";
import { MAX_INT } from "@/lib/schemas/fields";

export async function orNotFound<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (e) {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  }
}

export function idParam(value: string): number {
  const id = Number(value);
  if (!Number.isSafeInteger(id) || id <= 0 || id > MAX_INT) notFound();
  return id;
}
