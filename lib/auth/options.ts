import type { NextAuthOptions } from "next-auth";
import { randomUUID } from "node:crypto";
import CredentialsProvider from "next-auth/providers/credentials";
import { CLIENT_ADDRESS_HEADER } from "@/lib/client-address";
import { revokeSession } from "@/lib/server/auth/revoked-sessions";
import { verifyCredentials } from "@/lib/server/auth/verify-credentials";

export const SESSION_MAX_AGE = 8 * 60 * 60; // one working day

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE },
  pages: { signIn: "/login" },
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
