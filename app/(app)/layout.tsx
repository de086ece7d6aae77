import Link from "next/link";
import { redirect } from "next/navigation";
import { MoneyUnitSwitch } from "@/components/money-unit-switch";
import { SignOutButton } from "@/components/sign-out-button";
import { zh } from "@/lib/i18n/zh-CN";
import { zhExcel } from "@/lib/i18n/zh-CN-excel";
import { zhFinance } from "@/lib/i18n/zh-CN-finance";
import { zhReminders } from "@/lib/i18n/zh-CN-reminders";
import { grantOf, ROLE_LABEL } from "@/lib/permissions";
import { getCurrentUser } from "@/lib/server/auth/current-user";
import { countUnreadNotices } from "@/lib/server/notices/list-notices";
import { moneyUnit } from "@/lib/ui/money-unit";

export const dynamic = "force-dynamic";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  if (user.mustChangePassword) redirect("/account/password");
  const [unit, unread] = await Promise.all([moneyUnit(), countUnreadNotices(user, {})]);
  const links = [
    { href: "/plans", label: zh.nav.plans, show: true },
    { href: "/projects", label: zh.nav.projects, show: true },
    { href: "/desk", label: "我的项目", show: user.unitIds.length > 0 },
    { href: "/review", label: "报告审核", show: !!grantOf(user.role, "report.review") },
    { href: "/imports", label: zhExcel.nav.imports, show: !!grantOf(user.role, "import.run") },
    { href: "/finance", label: zhFinance.nav.finance, show: !!grantOf(user.role, "plan.read") },
    { href: "/admin/audit", label: zh.nav.audit, show: !!grantOf(user.role, "audit.readAll") },
    { href: "/admin/users", label: zh.nav.users, show: !!grantOf(user.role, "user.manage") },
    { href: "/admin/tokens", label: zhFinance.nav.tokens, show: !!grantOf(user.role, "apiToken.manage") },
  ];
  const menu = links
    .filter((l) => l.show)
    .map((l) => (
      <Link key={l.href} href={l.href} className="whitespace-nowrap text-sky-100 hover:text-white">
        {l.label}
      </Link>
    ));
  return (
    <div className="min-h-screen">
      <header className="bg-sky-900 text-white">
        {/* On a phone the three parts wrap onto their own lines; a label never breaks inside. */}
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
          <Link href="/plans" className="text-lg font-semibold tracking-wide whitespace-nowrap">
            {zh.app.name}
          </Link>
          {/* Desktop: the menu inline. Phone: folded under 菜单 (a native <details>, no script needed). */}
          <nav className="hidden flex-wrap gap-x-4 gap-y-1 text-sm md:flex" aria-label="主菜单">
            {menu}
          </nav>
          <details className="text-sm md:hidden" data-testid="mobile-menu">
            <summary className="cursor-pointer rounded px-2 py-1 ring-1 ring-sky-700 select-none">菜单</summary>
            <nav className="mt-2 grid grid-cols-2 gap-x-6 gap-y-2" aria-label="主菜单">
              {menu}
            </nav>
          </details>
          <div className="ml-auto flex flex-wrap items-center gap-x-4 gap-y-1 text-sm whitespace-nowrap">
            <span data-testid="current-user">
              {user.displayName} · {ROLE_LABEL[user.role]}
            </span>
            {/* 催报 and other notices: the count of unread ones (officers always see the link). */}
            {(unread > 0 || user.unitIds.length > 0) && (
              <Link href="/notices" className="inline-flex items-center gap-1 text-sky-100 hover:text-white" data-testid="notices-link">
                {zhReminders.notices.nav}
                {unread > 0 && (
                  <span
                    className="rounded-full bg-red-600 px-1.5 text-xs leading-5 font-semibold text-white"
                    data-testid="notices-badge"
                    aria-label={zhReminders.notices.unread(unread)}
                  >
                    {unread}
                  </span>
                )}
              </Link>
            )}
            <Link href="/account/password" className="text-sky-100 hover:text-white">
              {zh.nav.account}
            </Link>
            <SignOutButton />
          </div>
        </div>
      </header>
      <div className="mx-auto flex max-w-7xl justify-end px-4 pt-3">
        <MoneyUnitSwitch unit={unit} />
      </div>
      <main className="mx-auto max-w-7xl px-4 pb-12">{children}</main>
    </div>
  );
}
