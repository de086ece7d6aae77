import { UserForm } from "../user-form";
import { requireUser } from "@/lib/server/auth/current-user";
import { authorize } from "@/lib/server/auth/authorize";
import { unitChoices } from "@/lib/server/users/list-users";
import { orForbidden } from "@/lib/ui/or-forbidden";

export default async function NewUserPage() {
  const allowed = await orForbidden(authorize(await requireUser(), "user.manage"));
  if (!allowed.ok) return allowed.page;
  return (
    <>
      <h1 className="mb-4 text-xl font-semibold">新建用户</h1>
      <UserForm mode="create" units={await unitChoices()} />
    </>
  );
}
