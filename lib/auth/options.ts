import type { NextAuthOptions } from "next-auth";
import { randomUUID } from "node:crypto";
import CredentialsProvider from "next-auth/providers/credentials";
import { CLIENT_ADDRESS_HEADER } from "@/lib/client-address";
import { safeCallbackPath } from "@/lib/safe-path";
import { revokeSession } from "@/lib/server/auth/revoked-sessions";
import { verifyCredentials } from "@/lib/server/auth/verify-credentials";
import { secureCookies } from "./public-url";

export const SESSION_MAX_AGE = 8 * 60 * 60; // one working day

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE },
  pages: { signIn: "/login" },
  // Secure, __Secure- prefixed cookies when APP_URL is https (proxy.ts reads the same setting).
  useSecureCookies: secureCookies(),
  providers: [
    CredentialsProvider({
      name: "账号密码",
      credentials: { username: { label: "用户名", type: "text" }, password: { label: "密码", type: "password" } },
      async authorize(credentials, req) {
        // Set by the server (scripts/serve.ts) from the socket and TRUSTED_PROXIES, never by the client.
        const address = String(req?.headers?.[CLIENT_ADDRESS_HEADER] ?? "") || "unknown";
        // Throws AppError with a Chinese message on failure; next-auth passes it to the login page.
        const user = await verifyCredentials(credentials?.username ?? "", credentials?.password ?? "", address);
        return { id: String(user.id), name: user.displayName, sessionVersion: user.sessionVersion };
      },
    }),
  ],
  callbacks: {
    // Where next-auth sends the browser (sign-out's answer, sign-in's callback): a path, never an
    // absolute URL built from NEXTAUTH_URL, so users stay on the host name or address they came by
    // (behind a proxy or not). Absolute URLs are accepted only on next-auth's own origin, as paths.
    async redirect({ url, baseUrl }) {
      let path = url;
      if (!url.startsWith("/")) {
        try {
          const u = new URL(url);
          path = u.origin === new URL(baseUrl).origin ? `${u.pathname}${u.search}${u.hash}` : "/";
        } catch {
          path = "/";
        }
      }
      return safeCallbackPath(path);
    },
    async jwt({ token, user }) {
      if (user) {
        token.uid = Number(user.id);
        token.sv = (user as { sessionVersion?: number }).sessionVersion ?? 1;
        // This sign-in's id: signing out puts it on the server's deny list (revoked-sessions.ts).
        token.sid = randomUUID();
      }
      return token;
    },
    async session({ session, token }) {
      return { ...session, uid: token.uid as number, sv: token.sv as number, sid: token.sid as string | undefined };
    },
  },
  events: {
    async signOut({ token }) {
      await revokeSession(token?.sid, token?.exp);
    },
  },
};
