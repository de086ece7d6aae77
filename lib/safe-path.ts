// Where the browser may be sent after sign-in: a path on this site only. Browsers read "/\evil",
// "/\t/evil" and "//evil" as another host, so backslashes, control characters and a leading "//" are
// refused, and the normalised URL must stay on the same origin. Anything else goes to "/", which sends each
// role to its start page (app/page.tsx).
export function safeCallbackPath(raw: string | undefined | null, fallback = "/"): string {
  if (!raw || !raw.startsWith("/") || raw.startsWith("//") || raw.includes("\\") || /[\u0000-\u001f\u007f]/.test(raw)) return fallback;
  try {
    const base = "http://app.invalid";
    const url = new URL(raw, base);
    return url.origin === base ? `${url.pathname}${url.search}${url.hash}` : fallback;
  } catch {
    return fallback;
  }
}
