import "server-only";
import { AppError } from "@/lib/errors";

// Fixed-window request counter per key, in this server process's memory. With N app instances the
// effective limit is N × the limit; sign-in throttling, which must hold across instances, lives in
// the database instead (LoginThrottle).
const windows = new Map<string, { start: number; count: number }>();

export function hitRateLimit(key: string, limit: number, windowMs: number, now = Date.now()): { allowed: boolean; retryAfterS: number } {
  const w = windows.get(key);
  if (!w || now - w.start >= windowMs) {
    windows.set(key, { start: now, count: 1 });
    if (windows.size > 10_000) for (const [k, v] of windows) if (now - v.start >= windowMs) windows.delete(k);
    return { allowed: true, retryAfterS: 0 };
  }
  w.count++;
  return { allowed: w.count <= limit, retryAfterS: Math.ceil((w.start + windowMs - now) / 1000) };
}

export const API_LIMIT_PER_MINUTE = 600;

export function enforceApiRateLimit(principal: string) {
  const { allowed, retryAfterS } = hitRateLimit(`api:${principal}`, API_LIMIT_PER_MINUTE, 60_000);
  if (!allowed) throw new AppError("RATE_LIMITED", `请求过于频繁（每分钟最多 ${API_LIMIT_PER_MINUTE} 次），请 ${retryAfterS} 秒后再试。`);
}
