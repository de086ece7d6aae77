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
    const reason = err instanceof Error ? err.message.split("\n").find((l) => l.trim()) ?? "unreachable" : "unreachable";
    return { ok: false, database: { status: "down", reason: reason.slice(0, 200) } };
  }
}
