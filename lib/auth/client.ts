// Signing in from the browser, against next-auth's endpoints under this app's base path.
// next-auth/react's signIn is not used: it builds URLs from NEXTAUTH_URL (unknown in the
// browser: it falls back to /api/auth, without a path prefix) and navigates to the absolute URL the
// server answers, which names the server's configured host rather than the one the user came by.
import { withBase } from "@/lib/base-path";

const AUTH = "/api/auth";

async function csrfToken(): Promise<string> {
  const res = await fetch(withBase(`${AUTH}/csrf`), { cache: "no-store", credentials: "same-origin" });
  const data = (await res.json()) as { csrfToken?: string };
  if (!data.csrfToken) throw new Error("no CSRF token");
  return data.csrfToken;
}

async function post(path: string, fields: Record<string, string>): Promise<{ ok: boolean; url: URL | null }> {
  const res = await fetch(withBase(`${AUTH}/${path}`), {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    credentials: "same-origin",
    body: new URLSearchParams({ ...fields, csrfToken: await csrfToken(), json: "true" }),
  });
  const data = (await res.json().catch(() => ({}))) as { url?: string };
  // Resolved against the page: relative (our redirect callback) or absolute, only its query is read.
  return { ok: res.ok, url: data.url ? new URL(data.url, window.location.href) : null };
}

// Credentials sign-in. Resolves to null on success, else the message to show (the server's Chinese
// message, e.g. the throttle's, or the generic one).
export async function signInWithPassword(username: string, password: string): Promise<string | null> {
  const { ok, url } = await post("callback/credentials", { username, password, callbackUrl: withBase("/") });
  const error = url?.searchParams.get("error") ?? (ok ? null : "CredentialsSignin");
  if (!error) return null;
  return error === "CredentialsSignin" ? "用户名或密码错误。" : error;
}

// A path of this app (from safeCallbackPath), opened on the current host.
export const openAppPath = (path: string) => window.location.assign(withBase(path));
