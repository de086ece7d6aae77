import { describe, expect, it } from "vitest";
import { enforceApiRateLimit, hitRateLimit, API_LIMIT_PER_MINUTE } from "@/lib/server/rate-limit";

describe("API rate limit", () => {
  it("allows the limit within a window, refuses the next with the wait, and opens again in the next window", () => {
    const t0 = 1_000_000;
    for (let i = 0; i < 3; i++) expect(hitRateLimit("k", 3, 60_000, t0 + i).allowed).toBe(true);
    expect(hitRateLimit("k", 3, 60_000, t0 + 10_000)).toEqual({ allowed: false, retryAfterS: 50 });
    expect(hitRateLimit("k", 3, 60_000, t0 + 60_000).allowed).toBe(true);
  });

  it("answers RATE_LIMITED in Chinese past the per-minute limit of one principal, not of another", () => {
    for (let i = 0; i < API_LIMIT_PER_MINUTE; i++) enforceApiRateLimit("user:rate-test");
    expect(() => enforceApiRateLimit("user:rate-test")).toThrow(/请求过于频繁（每分钟最多 600 次）/);
    expect(() => enforceApiRateLimit("user:someone-else")).not.toThrow();
  });
});
