import { redirect } from "next/navigation";
import { LoginForm } from "./login-form";
import { zh } from "@/lib/i18n/zh-CN";
import { safeCallbackPath } from "@/lib/safe-path";
import { getCurrentUser } from "@/lib/server/auth/current-user";
import type { Metadata } from "next";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "登录" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; changed?: string }> }) {
  if (await getCurrentUser()) redirect("/plans");
  const { callbackUrl, changed } = await searchParams;
  const safe = safeCallbackPath(callbackUrl);
  return (
    <main className="flex min-h-screen items-center justify-center bg-sky-900/5 px-4">
      <div className="w-full max-w-sm rounded-lg bg-white p-8 shadow">
        <h1 className="text-xl font-semibold text-sky-900">{zh.app.name}</h1>
        <p className="mt-1 mb-6 text-sm text-slate-500">{zh.app.tagline}</p>
        {changed && <p className="mb-4 rounded bg-green-50 px-3 py-2 text-sm text-green-800">密码已修改，请用新密码登录。</p>}
        <LoginForm callbackUrl={safe} />
      </div>
    </main>
  );
}
