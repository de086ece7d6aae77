import { describe, expect, it } from "vitest";
import { authOptions } from "@/lib/auth/options";
import { authUrlEnv, secureCookies } from "@/lib/auth/public-url";
import { isTrustedProxy, parseTrustedProxies } from "@/lib/client-address";
import { parseEnv } from "@/lib/env-schema";

// #16.1: any host name, behind a proxy or not, HTTPS or plain HTTP on an intranet.
const base = { DATABASE_URL: "postgresql://u:p@127.0.0.1/db", NEXTAUTH_SECRET: "a-secret-of-sixteen+" };
const problems = (extra: Record<string, string>) => {
  try {
    parseEnv({ ...base, ...extra });
    return "";
  } catch (e) {
    return (e as Error).message;
  }
};

describe("where next-auth sends the browser: a path on the host the user came by", () => {
  const redirect = (url: string, baseUrl = "http://localhost:3999") => authOptions.callbacks!.redirect!({ url, baseUrl });

  it.each([
    // sign-out's answer used to be http://localhost:3999/login, whatever host the user was on
    ["/login", "/login"],
    ["/login?changed=1", "/login?changed=1"],
    ["/ledger/login", "/ledger/login"],
    ["http://localhost:3999/plans?x=1", "/plans?x=1"],
    ["https://evil.example/login", "/"],
    ["//evil.example/", "/"],
    ["/\\evil.example", "/"],
    ["javascript:alert(1)", "/"],
  ])("%s → %s", async (url, path) => {
    expect(await redirect(url)).toBe(path);
  });
});

describe("APP_URL decides next-auth's origin and Secure cookies, nothing else", () => {
  it("https makes the cookies Secure; http or none does not", () => {
    expect(secureCookies({ APP_URL: "https://ledger.example.gov.cn" })).toBe(true);
    expect(secureCookies({ APP_URL: "http://10.20.0.5" })).toBe(false);
    expect(secureCookies({})).toBe(false);
  });

  it("NEXTAUTH_URL comes from APP_URL; without it next-auth takes the request's (trusted) host", () => {
    expect(authUrlEnv({ APP_URL: "https://www.example.gov.cn/ledger/" })).toEqual({ NEXTAUTH_URL: "https://www.example.gov.cn/ledger/api/auth" });
    expect(authUrlEnv({ NEXTAUTH_URL: "http://localhost:3000" })).toEqual({ AUTH_TRUST_HOST: "1" });
  });

  it("start-up refuses a wrong APP_URL, APP_BASE_PATH, TRUSTED_PROXIES or PORT, naming the variable", () => {
    expect(problems({})).toBe("");
    expect(problems({ APP_URL: "https://ledger.example.gov.cn", TRUSTED_PROXIES: "127.0.0.1, 10.0.0.0/8", HOST: "0.0.0.0", PORT: "8080" })).toBe("");
    expect(problems({ APP_URL: "ledger.example.gov.cn" })).toContain("APP_URL");
    expect(problems({ APP_URL: "ftp://ledger.example.gov.cn" })).toContain("APP_URL");
    expect(problems({ APP_URL: "https://ledger.example.gov.cn/?a=1" })).toContain("APP_URL");
    // A path needs a build with that prefix (this one has none).
    expect(problems({ APP_URL: "https://www.example.gov.cn/ledger" })).toMatch(/APP_URL.*APP_BASE_PATH/);
    expect(problems({ APP_BASE_PATH: "ledger/" })).toContain("APP_BASE_PATH");
    expect(problems({ TRUSTED_PROXIES: "10.0.0.0/40" })).toContain("TRUSTED_PROXIES");
    expect(problems({ PORT: "70000" })).toContain("PORT");
  });

  it("forwarded headers count only from a trusted proxy", () => {
    const proxies = parseTrustedProxies("127.0.0.1,172.16.0.0/12");
    expect(isTrustedProxy(proxies, "127.0.0.1")).toBe(true);
    expect(isTrustedProxy(proxies, "::ffff:172.18.0.1")).toBe(true);
    expect(isTrustedProxy(proxies, "10.20.0.7")).toBe(false);
    expect(isTrustedProxy(parseTrustedProxies(undefined), "127.0.0.1")).toBe(false);
  });
});
