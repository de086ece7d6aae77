import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";

// The id a new row will get, taken from its table's sequence first, so a key derived from it
// ("plan-7", "sec-31") is written with the row in one INSERT.
export async function nextId(tx: Prisma.TransactionClient, table: "Plan" | "Section"): Promise<number> {
  const [{ id }] = await tx.$queryRaw<{ id: number }[]>`SELECT nextval(pg_get_serial_sequence(${`"${table}"`}, 'id'))::int AS id`;
  return id;
}
