import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
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
        const forwarded = req?.headers?.["x-forwarded-for"];
        const address = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0]?.trim() || "local";
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
      }
      return token;
    },
    async session({ session, token }) {
      return { ...session, uid: token.uid as number, sv: token.sv as number };
    },
  },
};
