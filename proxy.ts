// Runs before every page:
// - answers 503 at once while the database is unreachable;
// - sends signed-out visitors to the login page (a convenience only: every page, server action and
//   route handler checks the user itself, see lib/server/auth; the cookie is decrypted with a key
//   derived once, lib/auth/session-token.ts);
// - sets a per-request nonce Content-Security-Policy (Next puts the nonce on its own scripts);
// - sends a page kept rendered for its reader and data as it is (lib/page-cache, issue #17).
import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { secureCookies } from "@/lib/auth/public-url";
import { decodeSessionToken } from "@/lib/auth/session-token";
import { withBase } from "@/lib/base-path";
import { pageQueryProblems } from "@/lib/page-queries";
import { joinRendering, keptPage, pageWithNonce } from "@/lib/page-cache/kept-pages";
import { requestTimingStore } from "@/lib/server-timing";
import { databaseUp } from "@/lib/server/health/database-up";
import { keptPageKey } from "@/lib/server/pages/kept-page-key";

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
// A page of its own, without the app's layout (which needs the database or a valid request).
const plainPage = (title: string, body: string) => `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${title}</title>
<style>body{font-family:"Noto Sans SC","PingFang SC","Microsoft YaHei",sans-serif;background:#f8fafc;color:#0f172a;display:flex;min-height:100vh;align-items:center;justify-content:center;margin:0}
main{background:#fff;padding:2rem 2.5rem;border-radius:.5rem;box-shadow:0 1px 3px #0002;max-width:32rem}a{color:#1d4ed8}</style></head>
<body><main>${body}</main></body></html>`;
const UNAVAILABLE_PAGE = plainPage(
  "服务暂时不可用",
  `<h1 style="font-size:1.25rem">规划项目投资台账暂时无法使用</h1><p>数据库暂时无法连接，请稍后刷新重试。您的数据不会丢失。</p>`,
);
const badQueryPage = (problems: string[], pathname: string) =>
  plainPage(
    "链接参数有误",
    `<h1 style="font-size:1.25rem">链接中的参数有误</h1><ul>${problems.map((p) => `<li>${escapeHtml(p)}</li>`).join("")}</ul>` +
      `<p><a href="${escapeHtml(withBase(pathname))}">打开此页面（不带参数）</a></p>`,
  );
const PLAIN_HEADERS = {
  "Content-Type": "text/html; charset=utf-8",
  "Cache-Control": "no-store",
  "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
};

const PUBLIC_PATHS = new Set(["/login"]);

function contentSecurityPolicy(nonce: string) {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export default async function proxy(request: NextRequest) {
  if (!(await databaseUp()).up) {
    return new Response(UNAVAILABLE_PAGE, { status: 503, headers: { ...PLAIN_HEADERS, "Retry-After": "5" } });
  }
  const { pathname, search } = request.nextUrl;
  // pathname is without the base path (APP_BASE_PATH); the login URL keeps it, and Next turns a
  // redirect on the request's own host into a relative Location (no host name or scheme of ours).
  const session = PUBLIC_PATHS.has(pathname)
    ? null
    : await getToken({ req: request, secureCookie: secureCookies(), decode: async ({ token }) => decodeSessionToken(token) });
  if (!PUBLIC_PATHS.has(pathname) && !session) {
    const login = request.nextUrl.clone();
    login.pathname = "/login";
    login.search = "";
    login.searchParams.set("callbackUrl", `${pathname}${search}`);
    return NextResponse.redirect(login);
  }
  const problems = pageQueryProblems(pathname, request.nextUrl.searchParams);
  if (problems.length) return new Response(badQueryPage(problems, pathname), { status: 400, headers: PLAIN_HEADERS });
  const nonce = btoa(crypto.randomUUID());
  const csp = contentSecurityPolicy(nonce);
  // A page kept rendered for this reader and state of its data is sent as it is (lib/page-cache);
  // otherwise it is rendered, and kept when it is one to keep.
  const store = requestTimingStore();
  const keep = session && store ? await keptPageKey(request, session) : null;
  if (keep && store && !store.closed) {
    let kept = keptPage(keep.key);
    const rendering = kept ? undefined : joinRendering(keep.key);
    if (rendering && "own" in rendering) store.keepPage = { key: keep.key, nonce, reader: keep.reader, seen: {}, rendering: rendering.own };
    else kept ??= await rendering?.wait;
    if (kept) {
      const page = pageWithNonce(kept, nonce);
      return new Response(new Uint8Array(page.body), { status: 200, headers: page.headers });
    }
    // Waited, but nothing was kept (a refusal, an error, too long): rendered for this view, not kept.
  }
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  // The page's path (without the base path), for the refusal page (app/(app)/forbidden.tsx).
  headers.set("x-ledger-path", pathname);
  headers.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

export const config = {
  // Not: the API (checks its own callers), Next's assets, and the icons and manifest, which the login
  // page and the home screen need before anyone signs in.
  matcher: ["/((?!api/|_next/|favicon.ico|icon.svg|apple-icon.png|manifest.webmanifest|icons/|fonts/).*)"],
};
