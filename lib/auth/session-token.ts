// The session cookie, read without next-auth's machinery on every request (issue #17). next-auth 4's
// decode() derives its encryption key (HKDF) on every call, and getServerSession() runs its whole
// handler and then encrypts a refreshed token that a server component cannot even set. Here the key
// is derived once per secret and the token is decrypted exactly as next-auth's decode() does: a JWE
// (alg "dir", enc "A256GCM") under HKDF-SHA256(secret, salt "", "NextAuth.js Generated Encryption
// Key", 32 bytes), expiry checked with next-auth's 15 s clock tolerance. Anything else is no session.
import { createDecipheriv, hkdfSync } from "node:crypto";

const keys = new Map<string, Buffer>();
function keyOf(secret: string): Buffer {
  let key = keys.get(secret);
  if (!key) {
    key = Buffer.from(hkdfSync("sha256", secret, "", "NextAuth.js Generated Encryption Key", 32));
    keys.set(secret, key);
  }
  return key;
}

const CLOCK_TOLERANCE_S = 15;

export type SessionToken = Record<string, unknown> & { exp?: number };

// The payload of a session token, or null when it is missing, forged, damaged or expired.
export function decodeSessionToken(token: string | undefined | null, secret = process.env.NEXTAUTH_SECRET ?? process.env.AUTH_SECRET): SessionToken | null {
  if (!token || !secret) return null;
  const parts = token.split(".");
  if (parts.length !== 5 || parts[1] !== "") return null;
  try {
    const header = JSON.parse(Buffer.from(parts[0], "base64url").toString("utf8")) as Record<string, unknown>;
    if (header.alg !== "dir" || header.enc !== "A256GCM" || "zip" in header || "crit" in header) return null;
    // A full 16-byte tag and a 12-byte IV only: Node would accept a truncated GCM tag (down to 4 bytes),
    // which would make forging a cookie a matter of guessing 32 bits.
    const iv = Buffer.from(parts[2], "base64url");
    const tag = Buffer.from(parts[4], "base64url");
    if (iv.length !== 12 || tag.length !== 16) return null;
    const decipher = createDecipheriv("aes-256-gcm", keyOf(secret), iv, { authTagLength: 16 });
    decipher.setAAD(Buffer.from(parts[0], "ascii"));
    decipher.setAuthTag(tag);
    const plain = Buffer.concat([decipher.update(Buffer.from(parts[3], "base64url")), decipher.final()]);
    const payload = JSON.parse(plain.toString("utf8")) as SessionToken;
    if (payload === null || typeof payload !== "object") return null;
    const now = Math.floor(Date.now() / 1000);
    if (payload.exp !== undefined && (typeof payload.exp !== "number" || payload.exp <= now - CLOCK_TOLERANCE_S)) return null;
    if (payload.nbf !== undefined && (typeof payload.nbf !== "number" || payload.nbf > now + CLOCK_TOLERANCE_S)) return null;
    return payload;
  } catch {
    return null;
  }
}

// next-auth's session cookie; chunked into name.0, name.1, … when large.
export const sessionCookieName = (secure: boolean) => (secure ? "__Secure-next-auth.session-token" : "next-auth.session-token");

// Whether `cookie` is the session cookie or one of its chunks.
export function isSessionCookie(cookie: string, secure: boolean): boolean {
  const name = sessionCookieName(secure);
  return cookie === name || (cookie.startsWith(`${name}.`) && /^\d+$/.test(cookie.slice(name.length + 1)));
}

// The session token, from the request's cookies.
export function sessionCookieValue(cookies: { name: string; value: string }[], secure: boolean): string | undefined {
  const name = sessionCookieName(secure);
  const whole = cookies.find((c) => c.name === name);
  if (whole) return whole.value;
  const chunks = cookies
    .filter((c) => c.name !== name && isSessionCookie(c.name, secure))
    .sort((a, b) => Number(a.name.slice(name.length + 1)) - Number(b.name.slice(name.length + 1)));
  return chunks.length ? chunks.map((c) => c.value).join("") : undefined;
}
