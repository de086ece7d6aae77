import { notFound } from "next/navigation";
import { ResetPasswordForm } from "./reset-password-form";
import { UserForm } from "../user-form";
import { AuditTable } from "@/components/audit-table";
import { listAudit } from "@/lib/server/audit/list-audit";
import { requireUser } from "@/lib/server/auth/current-user";
import { getUserForEdit, unitChoices } from "@/lib/server/users/list-users";
import { orForbidden } from "@/lib/ui/or-forbidden";
import { idParam } from "@/lib/ui/or-not-found";
import type { Metadata } from "next";

export const metadata: Metadata = { title: "编辑用户" };

export default async function EditUserPage({ params }: { params: Promise<{ id: string }> }) {
  const id = idParam((await params).id);
  const actor = await requireUser();
  const found = await orForbidden(getUserForEdit(actor, { id }));
  if (!found.ok) return found.page;
  const user = found.data;
  if (!user) notFound();
  const [units, history] = await Promise.all([unitChoices(actor, {}), listAudit(actor, { entityType: "User", entityId: String(id) })]);
  return (
    <>
      <h1 className="mb-4 text-xl font-semibold">用户 {user.username}</h1>
      <div className="grid gap-6 lg:grid-cols-[2fr_1fr]">
        <UserForm
          mode="edit"
          units={units}
          defaults={{
            id: user.id,
            version: user.version,
            displayName: user.displayName,
            role: user.role,
            unitIds: user.units.map((u) => u.unitId),
            disabled: user.disabledAt !== null,
            reason: "",
          }}
        />
        <ResetPasswordForm id={user.id} />
      </div>
      <h2 className="mt-6 mb-2 font-semibold">修改记录</h2>
      <AuditTable rows={history.rows} />
    </>
  );
}
