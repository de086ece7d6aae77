import Link from "next/link";
import { CsvButton } from "@/components/excel/csv-button";
import { ROLE_LABEL } from "@/lib/permissions";
import { requireUser } from "@/lib/server/auth/current-user";
import { listUsers } from "@/lib/server/users/list-users";
import { orForbidden } from "@/lib/ui/or-forbidden";

export default async function UsersPage() {
  const users = await orForbidden(listUsers(await requireUser(), {}));
  if (!users.ok) return users.page;
  return (
    <>
      <div className="mb-4 flex items-center">
        <h1 className="text-xl font-semibold">用户管理</h1>
        <span className="ml-auto mr-3">
          <CsvButton list="users" also="user.manage" />
        </span>
        <Link href="/admin/users/new" className=" rounded bg-sky-700 px-3 py-1 text-sm text-white hover:bg-sky-800">
          新建用户
        </Link>
      </div>
      <table className="w-full bg-white text-sm shadow-sm" data-testid="users-table">
        <thead className="bg-slate-100 text-left text-slate-600">
          <tr>
            <th className="px-3 py-2">用户名</th>
            <th className="px-3 py-2">姓名</th>
            <th className="px-3 py-2">角色</th>
            <th className="px-3 py-2">负责单位</th>
            <th className="px-3 py-2">状态</th>
          </tr>
        </thead>
        <tbody>
          {users.data.map((u) => (
            <tr key={u.id} className="border-t">
              <td className="px-3 py-2">
                <Link href={`/admin/users/${u.id}`} className="text-sky-700 hover:underline">
                  {u.username}
                </Link>
              </td>
              <td className="px-3 py-2">{u.displayName}</td>
              <td className="px-3 py-2">{ROLE_LABEL[u.role]}</td>
              <td className="px-3 py-2">{u.units.map((x) => x.unit.name).join("、") || "—"}</td>
              <td className="px-3 py-2">
                {u.disabledAt ? <span className="text-red-700">已停用</span> : u.mustChangePassword ? <span className="text-amber-700">待改密码</span> : "正常"}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
