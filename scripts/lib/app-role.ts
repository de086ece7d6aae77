// The app's own PostgreSQL role (docs/database-roles.md). DATABASE_URL is the owner: it creates the
// databases, runs the migrations, seeds and restores. The running app, and the tests that exercise
// its code, connect as a role that is no superuser, owns nothing, may read and write the tables but
// only SELECT and INSERT the audit trail: TRUNCATE, DISABLE TRIGGER and session_replication_role are
// out of its reach. Its grants are written again after every migration (idempotent), so tables added
// by later migrations are covered and nothing else is left over.
import pg from "pg";
import { redact, withDatabase } from "./database";
import { localSecretFile } from "./secret";

// The role the scripts create and look after themselves when no APP_DATABASE_URL is given: always
// with the embedded PostgreSQL, and for the tests on a server where the owner may create roles. Its
// password is generated once per checkout (.data/app-db-password).
export const MANAGED_APP_ROLE = "ledger_app";
// Append-only: the app adds and reads rows, nothing more (the triggers also refuse the rest to the owner).
const APPEND_ONLY_TABLES = ["AuditEvent"];
// Prisma's migration bookkeeping: the owner's alone.
const OWNER_ONLY_TABLES = ["_prisma_migrations"];
// The app runs ANALYZE on these after a large import (lib/server/imports/commit-import.ts), which a
// non-owner may do with MAINTAIN (PostgreSQL 17+; older servers skip it with a warning).
const ANALYZED_TABLES = ["Project"];

type Log = (m: string) => void;
type RoleInfo = { rolsuper: boolean; rolcreaterole: boolean; rolcreatedb: boolean; rolbypassrls: boolean; rolreplication: boolean; rolcanlogin: boolean };

// Makes sure the app's role exists with exactly its grants on the owner's database and returns the URL
// the app connects with. Without a role of its own (external DATABASE_URL, no APP_DATABASE_URL) the
// app runs as the owner, with a warning when that role could bypass the audit trail.
export async function prepareAppRole(ownerUrl: string, opts: { purpose: "app" | "test"; embedded: boolean; log?: Log }): Promise<string> {
  const log = opts.log ?? ((m) => console.log(`[db] ${m}`));
  const given = givenAppUrl(ownerUrl, opts.purpose);
  const owner = new pg.Client({ connectionString: ownerUrl });
  await owner.connect();
  try {
    const me = await roleInfo(owner, decodeURIComponent(new URL(ownerUrl).username));
    const canCreateRoles = Boolean(me && (me.rolsuper || me.rolcreaterole));
    const managed = !given && (opts.embedded || (opts.purpose === "test" && canCreateRoles));
    if (!given && !managed) {
      await warnIfPrivileged(owner, log);
      return ownerUrl;
    }
    const appUrl = given ?? managedUrl(ownerUrl);
    const role = decodeURIComponent(new URL(appUrl).username);
    if (role === decodeURIComponent(new URL(ownerUrl).username)) {
      await warnIfPrivileged(owner, log);
      return appUrl;
    }
    await ensureRole(owner, ownerUrl, appUrl, { managed, canCreateRoles, log });
    await grantAppRole(owner, role);
    const info = await roleInfo(owner, role);
    if (info?.rolsuper || info?.rolbypassrls)
      log(`warning: the app's role "${role}" is a superuser or bypasses row security: it could bypass the audit trail (docs/database-roles.md)`);
    log(`the app connects as "${role}" (${given ? "APP_DATABASE_URL" : "created by the scripts"}): no superuser, audit trail SELECT/INSERT only`);
    return appUrl;
  } finally {
    await owner.end();
  }
}

function givenAppUrl(ownerUrl: string, purpose: "app" | "test"): string | undefined {
  const database = new URL(ownerUrl).pathname.slice(1);
  if (purpose === "test") {
    if (process.env.TEST_APP_DATABASE_URL) return process.env.TEST_APP_DATABASE_URL;
    // The app's role, on the tests' own database.
    return process.env.APP_DATABASE_URL ? withDatabase(process.env.APP_DATABASE_URL, database) : undefined;
  }
  const given = process.env.APP_DATABASE_URL;
  if (given && new URL(given).pathname.slice(1) !== database)
    throw new Error(`APP_DATABASE_URL names the database "${new URL(given).pathname.slice(1)}", DATABASE_URL "${database}": both must name the app's database`);
  return given;
}

function managedUrl(ownerUrl: string): string {
  const u = new URL(ownerUrl);
  u.username = MANAGED_APP_ROLE;
  u.password = localSecretFile("app-db-password"); // base64url: nothing to escape in a URL
  return u.toString();
}

async function roleInfo(client: pg.Client, role: string): Promise<RoleInfo | undefined> {
  const r = await client.query<RoleInfo>(
    "SELECT rolsuper, rolcreaterole, rolcreatedb, rolbypassrls, rolreplication, rolcanlogin FROM pg_roles WHERE rolname = $1",
    [role],
  );
  return r.rows[0];
}

const plainLogin = (r: RoleInfo) => r.rolcanlogin && !r.rolsuper && !r.rolcreaterole && !r.rolcreatedb && !r.rolbypassrls && !r.rolreplication;
const PLAIN_LOGIN = "LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS";

async function canLogIn(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

// Creates the role when missing; a managed role is also kept a plain login with the checkout's
// password. A role given in APP_DATABASE_URL that exists is left as the administrator made it.
async function ensureRole(owner: pg.Client, ownerUrl: string, appUrl: string, o: { managed: boolean; canCreateRoles: boolean; log: Log }) {
  const role = decodeURIComponent(new URL(appUrl).username);
  const ready = async (client: pg.Client) => {
    const info = await roleInfo(client, role);
    return info && (!o.managed || (plainLogin(info) && (await canLogIn(appUrl))));
  };
  if (await ready(owner)) return;
  // Roles belong to the whole server: one run at a time changes them. Advisory locks are per
  // database, so the lock is always taken in "postgres".
  const admin = new pg.Client({ connectionString: withDatabase(ownerUrl, "postgres") });
  await admin.connect();
  try {
    await admin.query("SELECT pg_advisory_lock(hashtext('ledger: app role'))");
    if (await ready(admin)) return;
    const ident = admin.escapeIdentifier(role);
    const password = admin.escapeLiteral(decodeURIComponent(new URL(appUrl).password));
    if (await roleInfo(admin, role)) {
      await admin.query(`ALTER ROLE ${ident} ${PLAIN_LOGIN} PASSWORD ${password}`);
      o.log(`reset the role "${role}" to a plain login with this checkout's password`);
      return;
    }
    if (!o.canCreateRoles)
      throw new Error(`the role "${role}" (${redact(appUrl)}) does not exist and ${redact(ownerUrl)} may not create roles: create it (docs/database-roles.md)`);
    await admin.query(`CREATE ROLE ${ident} ${PLAIN_LOGIN} PASSWORD ${password}`);
    o.log(`created the role "${role}"`);
  } finally {
    await admin.end(); // releases the advisory lock
  }
}

// The app's rights on the owner's database, written whole: everything revoked per table, then granted
// again, in one transaction.
export async function grantAppRole(owner: pg.Client, role: string) {
  const r = owner.escapeIdentifier(role);
  const version = Number((await owner.query<{ v: string }>("SELECT current_setting('server_version_num') AS v")).rows[0].v);
  const tables = (await owner.query<{ name: string }>("SELECT tablename::text AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")).rows.map(
    (t) => t.name,
  );
  const database = (await owner.query<{ name: string }>("SELECT current_database() AS name")).rows[0].name;
  await owner.query("BEGIN");
  try {
    await owner.query("SELECT pg_advisory_xact_lock(hashtext('ledger: app grants'))");
    await owner.query(`GRANT CONNECT ON DATABASE ${owner.escapeIdentifier(database)} TO ${r}`);
    await owner.query(`GRANT USAGE ON SCHEMA public TO ${r}`);
    for (const name of tables) {
      const t = `public.${owner.escapeIdentifier(name)}`;
      await owner.query(`REVOKE ALL ON TABLE ${t} FROM ${r}`);
      if (OWNER_ONLY_TABLES.includes(name)) continue;
      await owner.query(`GRANT ${APPEND_ONLY_TABLES.includes(name) ? "SELECT, INSERT" : "SELECT, INSERT, UPDATE, DELETE"} ON TABLE ${t} TO ${r}`);
      if (ANALYZED_TABLES.includes(name) && version >= 170000) await owner.query(`GRANT MAINTAIN ON TABLE ${t} TO ${r}`);
    }
    // nextval() for the id columns (and the rollup stamp's version) needs USAGE, nothing more.
    await owner.query(`GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO ${r}`);
    await owner.query("COMMIT");
  } catch (e) {
    await owner.query("ROLLBACK").catch(() => {});
    throw e;
  }
}

async function warnIfPrivileged(client: pg.Client, log: Log) {
  const r = await client.query<{ name: string; rolsuper: boolean; owns: boolean }>(`
    SELECT current_user::text AS name, r.rolsuper,
      EXISTS (SELECT 1 FROM pg_class c WHERE c.oid = to_regclass('public."AuditEvent"') AND pg_has_role(current_user, c.relowner, 'USAGE')) AS owns
    FROM pg_roles r WHERE r.rolname = current_user`);
  const me = r.rows[0];
  if (me && (me.rolsuper || me.owns))
    log(
      `warning: the app connects as "${me.name}", ${me.rolsuper ? "a superuser" : "the owner of the tables"}: it could empty or rewrite the audit trail ` +
        `(DISABLE TRIGGER${me.rolsuper ? ", session_replication_role" : ""}). Give the app a role of its own with APP_DATABASE_URL (docs/database-roles.md).`,
    );
}
