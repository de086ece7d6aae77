import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";

// A write refused by a unique index: the race a check-then-insert loses to a concurrent twin. Prisma
// reports it as P2002 from its own queries; from a raw statement it comes as PostgreSQL's 23505 in the
// message.
export function isUniqueViolation(e: unknown): boolean {
  if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") return true;
  const text = e instanceof Error ? `${e.message} ${JSON.stringify((e as { meta?: unknown }).meta ?? "")}` : String(e);
  return /23505|unique constraint/i.test(text);
}
