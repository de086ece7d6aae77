import { encode, decode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { decodeSessionToken, sessionCookieValue } from "@/lib/auth/session-token";

// The session cookie is decrypted without next-auth's handler (issue #17: no key derivation and no
// re-encryption per request). It must accept exactly what next-auth accepts.
const secret = "a-test-secret-that-is-long-enough-for-next-auth";

describe("session token", () => {
  it("reads next-auth's own tokens exactly as next-auth does", async () => {
    const token = await encode({ token: { uid: 7, sv: 3, sid: "s-1", name: "张三" }, secret });
    expect(decodeSessionToken(token, secret)).toEqual(await decode({ token, secret }));
    expect(decodeSessionToken(token, secret)).toMatchObject({ uid: 7, sv: 3, sid: "s-1", name: "张三" });
  });

  it("refuses a forged, damaged, expired or foreign token", async () => {
    const token = await encode({ token: { uid: 7, sv: 3, sid: "s-1" }, secret });
    const parts = token.split(".");
    const flipped = (s: string) => (s[0] === "A" ? "B" : "A") + s.slice(1);
    expect(decodeSessionToken(token, `${secret}-other`)).toBeNull();
    expect(decodeSessionToken([parts[0], parts[1], parts[2], flipped(parts[3]), parts[4]].join("."), secret)).toBeNull();
    expect(decodeSessionToken([parts[0], parts[1], parts[2], parts[3], flipped(parts[4])].join("."), secret)).toBeNull();
    // A valid token whose GCM tag is cut to 4 bytes: Node would verify the 4 bytes it is given, so an
    // attacker would only have to guess 32 bits; next-auth (jose) refuses it, and so must we.
    const shortTag = Buffer.from(parts[4], "base64url").subarray(0, 4).toString("base64url");
    await expect(decode({ token: [parts[0], parts[1], parts[2], parts[3], shortTag].join("."), secret })).rejects.toThrow();
    expect(decodeSessionToken([parts[0], parts[1], parts[2], parts[3], shortTag].join("."), secret)).toBeNull();
    expect(decodeSessionToken("not.a.token", secret)).toBeNull();
    expect(decodeSessionToken("", secret)).toBeNull();
    // Expired past next-auth's 15 s tolerance (maxAge −60 s): next-auth refuses it too.
    const expired = await encode({ token: { uid: 7 }, secret, maxAge: -60 });
    await expect(decode({ token: expired, secret })).rejects.toThrow();
    expect(decodeSessionToken(expired, secret)).toBeNull();
  });

  it("finds the cookie whole or in next-auth's chunks, under the Secure name over https", () => {
    expect(sessionCookieValue([{ name: "next-auth.session-token", value: "abc" }], false)).toBe("abc");
    expect(sessionCookieValue([{ name: "next-auth.session-token", value: "abc" }], true)).toBeUndefined();
    expect(sessionCookieValue([{ name: "__Secure-next-auth.session-token", value: "abc" }], true)).toBe("abc");
    const chunks = [
      { name: "next-auth.session-token.1", value: "def" },
      { name: "next-auth.session-token.0", value: "abc" },
    ];
    expect(sessionCookieValue(chunks, false)).toBe("abcdef");
  });
});
