// `npm run admin:create -- <username> <显示名>`: creates an administrator on the server's command line —
// the first one of a new installation, or a way back in when no administrator can sign in. Prints a
// temporary password once; it must be changed at the first sign-in. Uses the server's settings
// (DATABASE_URL, …: docs/deploy.md runs it as the service does); without DATABASE_URL, the embedded
// database, like `npm run db:backup` (with the app stopped). Audited (lib/server/users/create-admin-account.ts).
// Run with `tsx --conditions=react-server`.
import { ensureDatabase, type Database } from "./lib/database";
import { localSecret } from "./lib/secret";

async function main(): Promise<number> {
  const [username, ...name] = process.argv.slice(2);
  if (!username || name.length === 0) {
    console.error("用法：npm run admin:create -- <用户名> <姓名>");
    return 2;
  }
  let embedded: Database | undefined;
  // Imported once the settings are in place: the database client reads them when it loads.
  const { databaseFailure, isAppError } = await import("../lib/errors");
  try {
    if (!process.env.DATABASE_URL) {
      embedded = await ensureDatabase({ purpose: "app", log: () => undefined });
      process.env.DATABASE_URL = embedded.url;
      process.env.NEXTAUTH_SECRET = localSecret();
    }
    const { createAdminAccount } = await import("../lib/server/users/create-admin-account");
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
    console.error(down ? `${down.message}（${down.cause}）` : e instanceof Error ? e.message : e);
    return 1;
  } finally {
    await embedded?.stop();
  }
}

void main().then((code) => process.exit(code));
