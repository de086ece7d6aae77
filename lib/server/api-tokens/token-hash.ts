import "server-only";
import crypto from "node:crypto";

// Tokens are 32 random bytes (base64url) behind a recognisable prefix; only their SHA-256 is stored.
// A fast hash is right here: the secret has 256 bits of entropy, so it cannot be guessed offline.
export const TOKEN_PREFIX = "plt_";

export function newToken(): { token: string; hash: string; prefix: string } {
  const token = TOKEN_PREFIX + crypto.randomBytes(32).toString("base64url");
  return { token, hash: hashToken(token), prefix: token.slice(0, TOKEN_PREFIX.length + 6) };
}

export function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token, "utf8").digest("hex");
}
