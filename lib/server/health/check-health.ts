import "server-only";
import { db } from "@/lib/db";

const TIMEOUT_MS = 2000;

export async function checkHealth() {
  const started = Date.now();
  try {
    await Promise.race([
      db.$queryRaw`SELECT 1`,
      new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS)),
    ]);
    return { ok: true, database: { status: "up", latencyMs: Date.now() - started } };
  } catch (err) {
    // The driver's own words (e.g. "connect ECONNREFUSED 127.0.0.1:54329"), not Prisma's wrapper.
    const lines = [err, (err as { cause?: unknown })?.cause, (err as { meta?: { driverAdapterError?: { cause?: unknown } } })?.meta?.driverAdapterError?.cause]
      .map((e) => (e as { message?: string; originalMessage?: string } | undefined)?.originalMessage ?? (e as { message?: string } | undefined)?.message)
      .flatMap((m) => (m ?? "").split("\n"))
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith("Invalid `prisma"));
    return { ok: false, database: { status: "down", reason: (lines[0] ?? "unreachable").slice(0, 200) } };
  }
}
