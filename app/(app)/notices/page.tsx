import Link from "next/link";
import { DataTable } from "@/components/data-table";
import { formatDateTime } from "@/lib/dates";
import { zhReminders } from "@/lib/i18n/zh-CN-reminders";
import { periodLabel } from "@/lib/periods";
import { requireUser } from "@/lib/server/auth/current-user";
import { listNotices } from "@/lib/server/notices/list-notices";
import { MarkReadButton } from "./mark-read-button";
import type { Metadata } from "next";

// The signed-in user's notices (催报), newest first; the top bar's badge links here.
const N = zhReminders.notices;

export const metadata: Metadata = { title: N.title };

export default async function NoticesPage() {
  const user = await requireUser();
  const { notices, unread } = await listNotices(user, {});
  return (
    <>
      <div className="mb-3 flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-semibold">{N.title}</h1>
        {unread > 0 && (
          <>
            <span className="text-sm text-red-700">{N.unread(unread)}</span>
            <MarkReadButton label={N.markAllRead} testId="notices-read-all" />
          </>
        )}
      </div>
      <DataTable
        testId="notices-table"
        rows={notices}
        rowKey={(n) => n.id}
        empty={N.none}
        rowClassName={(n) => (n.readAt ? "text-slate-500" : "font-medium")}
        rowProps={(n) => ({ "data-testid": "notice-row", "data-unread": String(n.readAt === null) })}
        columns={[
          { key: "at", header: "时间", nowrap: true, cell: (n) => formatDateTime(n.createdAt) },
          { key: "message", header: "内容", cell: (n) => n.message },
          {
            key: "go",
            header: "",
            nowrap: true,
            cell: (n) => (
              <span className="flex items-center gap-2">
                <Link href={`/desk/grid?plan=${n.plan.id}&period=${n.period}`} className="text-sky-700 hover:underline">
                  {N.fill} {periodLabel(n.period)}
                </Link>
                {n.readAt ? <span className="text-xs">{N.read}</span> : <MarkReadButton ids={[n.id]} label={N.markRead} />}
              </span>
            ),
          },
        ]}
      />
    </>
  );
}
