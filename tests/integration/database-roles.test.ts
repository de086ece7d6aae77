import fs from "node:fs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { grantAppRole } from "../../scripts/lib/app-role";
import { browseUrl, listenAddress } from "../../scripts/lib/listen";

// Issue #13 item 9: the app (and these tests, like every integration test) connect as the app's own
// role (DATABASE_URL); the owner (OWNER_DATABASE_URL) migrated and seeded the database.
const appUrl = process.env.DATABASE_URL!;
const ownerUrl = process.env.OWNER_DATABASE_URL!;
const appRole = decodeURIComponent(new URL(appUrl).username);

async function client(url: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  return c;
}
const auditCount = async () => db.auditEvent.count();

describe("the app's database role (#13.9)", () => {
  beforeAll(async () => {
    // An audit row written as the app writes them: INSERT (and reading it back) is all it needs.
    const row = await db.auditEvent.create({ data: { action: "test.role", entityType: "Test", entityId: "roles", changes: [] } });
    expect(row.id).toBeGreaterThan(0);
  });

  it("is a plain login, not the owner: no superuser, no row-security bypass, owns no table", async () => {
    expect(appRole).not.toBe(decodeURIComponent(new URL(ownerUrl).username));
    const [me] = await db.$queryRaw<{ superuser: string; rolsuper: boolean; rolbypassrls: boolean; rolcreaterole: boolean; owned: number }[]>`
      SELECT current_setting('is_superuser') AS superuser, r.rolsuper, r.rolbypassrls, r.rolcreaterole,
        (SELECT count(*)::int FROM pg_class c WHERE c.relowner = r.oid) AS owned
      FROM pg_roles r WHERE r.rolname = current_user`;
    expect(me).toEqual({ superuser: "off", rolsuper: false, rolbypassrls: false, rolcreaterole: false, owned: 0 });
  });

  it("may only read and add audit rows: TRUNCATE, DELETE and UPDATE are refused and change nothing", async () => {
    const before = await auditCount();
    expect(before).toBeGreaterThan(0);
    for (const sql of [`TRUNCATE "AuditEvent"`, `DELETE FROM "AuditEvent"`, `UPDATE "AuditEvent" SET reason = '改写'`, `TRUNCATE "User" CASCADE`])
      await expect(db.$executeRawUnsafe(sql), sql).rejects.toThrow(/permission denied/);
    expect(await auditCount()).toBe(before);
  });

  it("cannot switch the triggers off: session_replication_role, DISABLE TRIGGER, taking the owner's role", async () => {
    const before = await auditCount();
    const c = await client(appUrl);
    try {
      await expect(c.query("SET session_replication_role = replica")).rejects.toThrow(/permission denied/);
      await expect(c.query(`ALTER TABLE "AuditEvent" DISABLE TRIGGER ALL`)).rejects.toThrow(/must be owner/);
      await expect(c.query(`ALTER TABLE "AuditEvent" DISABLE TRIGGER audit_event_no_truncate`)).rejects.toThrow(/must be owner/);
      await expect(c.query(`SET ROLE ${c.escapeIdentifier(decodeURIComponent(new URL(ownerUrl).username))}`)).rejects.toThrow(/permission denied/);
      await expect(c.query(`CREATE FUNCTION public.x() RETURNS int LANGUAGE sql AS 'SELECT 1'`)).rejects.toThrow(/permission denied/);
      expect((await c.query("SHOW session_replication_role")).rows[0].session_replication_role).toBe("origin");
    } finally {
      await c.end();
    }
    expect(await auditCount()).toBe(before);
  });

  it("has exactly what the app needs: audit trail SELECT/INSERT, the other tables read/write, MAINTAIN for the import's ANALYZE, no migrations table", async () => {
    const rights = await db.$queryRaw<{ t: string; p: string; has: boolean }[]>`
      SELECT t, p, has_table_privilege(current_user, format('public.%I', t), p) AS has
      FROM unnest(ARRAY['AuditEvent', 'Project', 'ProgressReport', 'RollupStamp', '_prisma_migrations']) t,
           unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'TRIGGER', 'REFERENCES', 'MAINTAIN']) p`;
    const granted = (t: string) =>
      rights
        .filter((r) => r.t === t && r.has)
        .map((r) => r.p)
        .join(",");
    expect(granted("AuditEvent")).toBe("SELECT,INSERT");
    expect(granted("Project")).toBe("SELECT,INSERT,UPDATE,DELETE,MAINTAIN");
    expect(granted("ProgressReport")).toBe("SELECT,INSERT,UPDATE,DELETE");
    expect(granted("RollupStamp")).toBe("SELECT,INSERT,UPDATE,DELETE");
    expect(granted("_prisma_migrations")).toBe("");

    // The import's ANALYZE "Project" (lib/server/imports/commit-import.ts) really runs: without
    // MAINTAIN PostgreSQL skips it with a warning.
    const c = await client(appUrl);
    const notices: string[] = [];
    c.on("notice", (n) => notices.push(n.message ?? ""));
    try {
      await c.query(`ANALYZE "Project"`);
    } finally {
      await c.end();
    }
    expect(notices).toEqual([]);
  });

  it("gets its grants on tables added by later migrations (written again after every migration)", async () => {
    const owner = await client(ownerUrl);
    const app = await client(appUrl);
    try {
      await owner.query(`CREATE TABLE "ZzRoleProbe" (id int)`);
      await expect(app.query(`SELECT * FROM "ZzRoleProbe"`)).rejects.toThrow(/permission denied/);
      await grantAppRole(owner, appRole);
      await app.query(`INSERT INTO "ZzRoleProbe" VALUES (1)`);
      expect((await app.query(`SELECT count(*)::int AS n FROM "ZzRoleProbe"`)).rows[0].n).toBe(1);
    } finally {
      await owner.query(`DROP TABLE IF EXISTS "ZzRoleProbe"`);
      await app.end();
      await owner.end();
    }
  });
});

describe("the audit trail refuses TRUNCATE even to the owner (#13.9)", () => {
  let owner: pg.Client;
  beforeAll(async () => {
    owner = await client(ownerUrl);
  });
  afterAll(async () => {
    await owner.end();
  });

  // Each inside a transaction rolled back whatever happens: were the trigger missing, nothing is lost.
  for (const sql of [`TRUNCATE "AuditEvent"`, `TRUNCATE "User" CASCADE`]) {
    it(`${sql} as the owner is refused by the trigger`, async () => {
      const before = await auditCount();
      await owner.query("BEGIN");
      try {
        await expect(owner.query(sql)).rejects.toThrow(/append-only/);
      } finally {
        await owner.query("ROLLBACK");
      }
      expect(await auditCount()).toBe(before);
    });
  }
});

describe("npm start listens on loopback unless HOST says otherwise (#13.13)", () => {
  it("listens on 127.0.0.1 by default, HOST and PORT when set", () => {
    expect(listenAddress({})).toEqual({ host: "127.0.0.1", port: "3000" });
    expect(listenAddress({ HOST: "", PORT: "" })).toEqual({ host: "127.0.0.1", port: "3000" });
    expect(listenAddress({ HOST: "0.0.0.0", PORT: "8080" })).toEqual({ host: "0.0.0.0", port: "8080" });
    expect(browseUrl({})).toBe("http://localhost:3000");
    expect(browseUrl({ HOST: "10.0.0.5", PORT: "80" })).toBe("http://10.0.0.5:80");
    // …and scripts/serve.ts, which npm start runs, listens where listenAddress says.
    expect(fs.readFileSync("scripts/start.ts", "utf8")).toMatch(/spawn\(\.\.\.serveCommand\(ROOT\)/);
    expect(fs.readFileSync("scripts/serve.ts", "utf8")).toMatch(/server\.listen\(port, host/);
  });
});
