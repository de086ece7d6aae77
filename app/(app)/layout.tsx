import Link from "next/link";
import { MoneyUnitSwitch, PrintedMoneyUnit } from "@/components/money-unit-switch";
import { SignOutButton } from "@/components/sign-out-button";
import { zh } from "@/lib/i18n/zh-CN";
import { zhExcel } from "@/lib/i18n/zh-CN-excel";
import { zhFinance } from "@/lib/i18n/zh-CN-finance";
import { zhReminders } from "@/lib/i18n/zh-CN-reminders";
import { grantOf, ROLE_LABEL } from "@/lib/permissions";
import { requireUser } from "@/lib/server/auth/current-user";
import { countUnreadNotices } from "@/lib/server/notices/list-notices";
import { moneyUnit } from "@/lib/ui/money-unit";
import manifest from "../manifest";
import { MobileMenu } from "./mobile-menu";

export const dynamic = "force-dynamic";

const SHORT_NAME = manifest().short_name;

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
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
  const account = (
    <Link href="/account/password" className="whitespace-nowrap text-sky-100 hover:text-white">
      {zh.nav.account}
    </Link>
  );
  return (
    <div className="min-h-screen">
      {/* The first thing a keyboard reaches: past the menu to the page's content. */}
      <a
        href="#main"
        className="sr-only rounded bg-white px-3 py-2 text-sky-900 shadow focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50"
        data-testid="skip-link"
      >
        跳到正文
      </a>
      <header className="relative bg-sky-900 text-white print:hidden">
        {/* Phone: one line (short name · user · 通知 · 菜单); the menu, 修改密码 and 退出 fold under 菜单 (a
            native <details>, no script needed), dropping over the page. Desktop: all inline. */}
        <div className="mx-auto flex max-w-7xl items-center gap-x-3 gap-y-2 px-4 py-2 md:flex-wrap md:gap-x-6 md:py-3">
          <Link href="/plans" className="shrink-0 font-semibold tracking-wide whitespace-nowrap md:text-lg">
            <span className="sm:hidden">{SHORT_NAME}</span>
            <span className="hidden sm:inline">{zh.app.name}</span>
          </Link>
          <nav className="hidden flex-wrap gap-x-4 gap-y-1 text-sm md:flex" aria-label="主菜单">
            {menu}
          </nav>
          <div className="ml-auto flex min-w-0 items-center gap-x-3 gap-y-1 text-sm md:flex-wrap md:gap-x-4">
            <span data-testid="current-user" className="min-w-0 truncate text-xs text-sky-100 md:text-sm md:text-white">
              {user.displayName}
              <span className="hidden md:inline"> · {ROLE_LABEL[user.role]}</span>
            </span>
            {/* 催报 and other notices: the count of unread ones (officers always see the link). */}
            {(unread > 0 || user.unitIds.length > 0) && (
              <Link
                href="/notices"
                className="inline-flex shrink-0 items-center gap-1 whitespace-nowrap text-sky-100 hover:text-white"
                data-testid="notices-link"
              >
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
            <span className="hidden shrink-0 md:inline">{account}</span>
            <span className="hidden shrink-0 md:inline">
              <SignOutButton />
            </span>
          </div>
          <MobileMenu>
            <div className="absolute inset-x-0 top-full z-40 bg-sky-900 px-4 pt-2 pb-4 shadow-lg">
              <nav className="grid grid-cols-2 gap-x-6 gap-y-3 sm:grid-cols-3" aria-label="主菜单">
                {menu}
              </nav>
              <div className="mt-3 flex flex-wrap items-center gap-x-6 gap-y-2 border-t border-sky-700 pt-3">
                <span className="text-sky-100">
                  {user.displayName} · {ROLE_LABEL[user.role]}
                </span>
                {account}
                <SignOutButton />
              </div>
            </div>
          </MobileMenu>
        </div>
      </header>
      <div className="mx-auto flex max-w-7xl justify-end px-4 pt-2 md:pt-3 print:hidden">
        <MoneyUnitSwitch unit={unit} />
      </div>
      {/* Printed instead of the switch: the unit every figure on the page is in. */}
      <PrintedMoneyUnit unit={unit} />
      <main id="main" tabIndex={-1} className="mx-auto max-w-7xl px-4 pb-12 outline-none">
        {children}
      </main>
    </div>
  );
}
