import { UserForm } from "../user-form";
import { requireUser } from "@/lib/server/auth/current-user";
import { unitChoices } from "@/lib/server/users/list-users";
import { orForbidden } from "@/lib/ui/or-forbidden";
import type { Metadata } from "next";

export const metadata: Metadata = { title: "新建用户" };

export default async function NewUserPage() {
  const units = await orForbidden(unitChoices(await requireUser(), {}));
  if (!units.ok) return units.page;
  return (
    <>
      <h1 className="mb-4 text-xl font-semibold">新建用户</h1>
      <UserForm mode="create" units={units.data} />
    </>
  );
}
