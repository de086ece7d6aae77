// The address users reach the app at, when configured (APP_URL, validated at start in lib/env.ts).
// Redirects never depend on it: they are paths, so a user stays on whatever host name or address
// they came by. It decides two things only: next-auth's own origin (NEXTAUTH_URL, derived from it by
// scripts/serve.ts) and whether the session cookies are Secure (APP_URL is https).
export function appUrl(env: Record<string, string | undefined> = process.env): string | undefined {
  const raw = env.APP_URL?.trim();
  return raw ? raw.replace(/\/+$/, "") : undefined;
}

// Secure (and __Secure- prefixed) session cookies: only over https, which APP_URL then says. The
// proxy (getToken) and next-auth must agree on it, so both read it here.
export const secureCookies = (env: Record<string, string | undefined> = process.env): boolean => appUrl(env)?.startsWith("https://") ?? false;

// next-auth 4 builds its origin from NEXTAUTH_URL, and without it from the Host header only when
// AUTH_TRUST_HOST is set (else it assumes http://localhost:3000). scripts/serve.ts calls this before the
// app starts: NEXTAUTH_URL from APP_URL, or none and the request's host (Host, or X-Forwarded-Host /
// X-Forwarded-Proto from a trusted proxy only, scripts/serve.ts). A NEXTAUTH_URL of its own is replaced.
export function authUrlEnv(env: Record<string, string | undefined> = process.env): { NEXTAUTH_URL?: string; AUTH_TRUST_HOST?: string } {
  const url = appUrl(env);
  return url ? { NEXTAUTH_URL: `${url}/api/auth` } : { AUTH_TRUST_HOST: "1" };
}
