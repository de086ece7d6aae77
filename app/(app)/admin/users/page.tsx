import Link from "next/link";
import { DataTable } from "@/components/data-table";
import { CsvButton } from "@/components/excel/csv-button";
import { ROLE_LABEL } from "@/lib/permissions";
import { requireUser } from "@/lib/server/auth/current-user";
import { listUsers } from "@/lib/server/users/list-users";
import { orForbidden } from "@/lib/ui/or-forbidden";
import type { Metadata } from "next";

export const metadata: Metadata = { title: "用户管理" };

export default async function UsersPage() {
  const users = await orForbidden(listUsers(await requireUser(), {}));
  if (!users.ok) return users.page;
  return (
    <>
      <div className="mb-4 flex items-center">
        <h1 className="text-xl font-semibold">用户管理</h1>
        <span className="mr-3 ml-auto">
          <CsvButton list="users" also="user.manage" />
        </span>
        <Link href="/admin/users/new" className="rounded bg-sky-700 px-3 py-1 text-sm text-white hover:bg-sky-800">
          新建用户
        </Link>
      </div>
      <DataTable
        testId="users-table"
        rows={users.data}
        rowKey={(u) => u.id}
        columns={[
          {
            key: "username",
            header: "用户名",
            cell: (u) => (
              <Link href={`/admin/users/${u.id}`} className="text-sky-700 hover:underline">
                {u.username}
              </Link>
            ),
          },
          { key: "displayName", header: "姓名", cell: (u) => u.displayName },
          { key: "role", header: "角色", cell: (u) => ROLE_LABEL[u.role] },
          { key: "units", header: "负责单位", cell: (u) => u.units.map((x) => x.unit.name).join("、") || "—" },
          {
            key: "status",
            header: "状态",
            cell: (u) =>
              u.disabledAt ? <span className="text-red-700">已停用</span> : u.mustChangePassword ? <span className="text-amber-700">待改密码</span> : "正常",
          },
        ]}
      />
    </>
  );
}
