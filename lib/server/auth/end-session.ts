import "server-only";
import { cookies } from "next/headers";
import { secureCookies } from "@/lib/auth/public-url";
import { decodeSessionToken, isSessionCookie, sessionCookieValue } from "@/lib/auth/session-token";
import { revokeSession } from "./revoked-sessions";

// Signs this browser out: the session's id goes on the deny list (a copied cookie stops working at
// once, #13.5) and its cookie, with any chunks, is removed. What next-auth's signout endpoint does,
// from a server action, so the 退出 button is a plain form that works before the page's script runs.
export async function endSession(): Promise<void> {
  const jar = await cookies();
  const secure = secureCookies();
  const token = decodeSessionToken(sessionCookieValue(jar.getAll(), secure));
  try {
    await revokeSession(token?.sid, token?.exp);
  } catch (e) {
    // As next-auth's own sign-out: the browser is signed out even when the deny list cannot be written
    // (the token still expires with the session, SESSION_MAX_AGE).
    console.error("[auth] sign-out could not record the session as ended", e);
  } finally {
    for (const { name } of jar.getAll()) {
      if (isSessionCookie(name, secure)) jar.set(name, "", { path: "/", maxAge: 0, httpOnly: true, sameSite: "lax", secure });
    }
  }
}
