import Link from "next/link";
import { redirect } from "next/navigation";
import { ChangePasswordForm } from "./change-password-form";
import { getCurrentUser } from "@/lib/server/auth/current-user";
import { PASSWORD_RULE } from "@/lib/schemas/user";
import type { Metadata } from "next";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "修改密码" };

// Outside the (app) layout: a user who must change their password can reach only this page.
export default async function ChangePasswordPage() {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-lg bg-white p-8 shadow">
        <h1 className="text-xl font-semibold">修改密码</h1>
        {user.mustChangePassword ? (
          <p className="mt-2 rounded bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="must-change">
            您的密码由管理员设置，请先修改密码再继续使用。
          </p>
        ) : (
          <Link href="/plans" className="text-sm text-sky-700 hover:underline">
            返回
          </Link>
        )}
        <p className="mt-2 text-xs text-slate-500">{PASSWORD_RULE}。修改后需要用新密码重新登录。</p>
        <ChangePasswordForm />
      </div>
    </main>
  );
}
