// Runs before every page: answers 503 at once while the database is unreachable, and redirects
// signed-out visitors to the login page. The redirect is a convenience only: every page, server
// action and route handler checks the user itself (lib/server/auth).
import { withAuth, type NextRequestWithAuth } from "next-auth/middleware";
import { NextResponse, type NextFetchEvent } from "next/server";
import { databaseUp } from "@/lib/server/health/database-up";

const auth = withAuth({ pages: { signIn: "/login" } });

const UNAVAILABLE_PAGE = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>服务暂时不可用</title>
<style>body{font-family:"Noto Sans SC","PingFang SC","Microsoft YaHei",sans-serif;background:#f8fafc;color:#0f172a;display:flex;min-height:100vh;align-items:center;justify-content:center;margin:0}
div{background:#fff;padding:2rem 2.5rem;border-radius:.5rem;box-shadow:0 1px 3px #0002;max-width:28rem}</style></head>
<body><div><h1 style="font-size:1.25rem">规划项目投资台账暂时无法使用</h1><p>数据库暂时无法连接，请稍后刷新重试。您的数据不会丢失。</p></div></body></html>`;

export default async function proxy(request: NextRequestWithAuth, event: NextFetchEvent) {
  if (!(await databaseUp()).up) {
    return new Response(UNAVAILABLE_PAGE, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8", "Retry-After": "5", "Cache-Control": "no-store" } });
  }
  if (request.nextUrl.pathname === "/login") return NextResponse.next();
  return auth(request, event);
}

export const config = {
  matcher: ["/((?!api/|_next/|favicon.ico|fonts/).*)"],
};
