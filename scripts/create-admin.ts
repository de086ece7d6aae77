// `npm run admin:create -- <username> <显示名>`: creates an administrator on the server's command line —
// the first one of a new installation, or a way back in when no administrator can sign in. Prints a
// temporary password once; it must be changed at the first sign-in. Uses the server's settings
// (DATABASE_URL, …: e.g. `set -a; . /etc/ledger/ledger.env` first). Audited (lib/server/users/create-admin-account.ts).
import { databaseFailure, isAppError } from "../lib/errors";
import { createAdminAccount } from "../lib/server/users/create-admin-account";

async function main(): Promise<number> {
  const [username, ...name] = process.argv.slice(2);
  if (!username || name.length === 0) {
    console.error("用法：npm run admin:create -- <用户名> <姓名>");
    return 2;
  }
  try {
    const admin = await createAdminAccount({ username, displayName: name.join(" ") });
    console.log(`已创建管理员 ${admin.username}（#${admin.id}）。`);
    console.log(`临时密码（只显示这一次）：${admin.password}`);
    console.log("首次登录后须修改密码。");
    return 0;
  } catch (e) {
    if (isAppError(e)) {
      console.error(e.message);
      for (const [field, messages] of Object.entries(e.fieldErrors ?? {})) console.error(`  ${field}：${messages.join("；")}`);
      return 1;
    }
    const down = databaseFailure(e);
    console.error(down ? `${down.message}（${down.cause}）` : e);
    return 1;
  }
}

void main().then((code) => process.exit(code));
