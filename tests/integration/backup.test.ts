import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { dumpDatabase } from "@/lib/server/backup/dump";
import { db } from "@/lib/db";
import { restoreDatabase } from "@/lib/server/backup/restore";
import { rowOrderQuery } from "@/lib/server/backup/tables";
import { makePlan, makeProject } from "@/lib/server/seed/factories";
import { recreateDatabase, withDatabase } from "../../scripts/lib/database";
import { prisma } from "../../scripts/lib/run";

// Backup and restore are the owner's work (scripts/backup.ts, restore.ts): they read Prisma's
// bookkeeping and create databases, which the app's role may not.
const source = process.env.OWNER_DATABASE_URL ?? process.env.DATABASE_URL!;
const target = withDatabase(source, "ledger_test_restore");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ledger-backup-"));

async function figures(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const counts = await client.query(`SELECT
      (SELECT count(*) FROM "Project")::int AS projects, (SELECT count(*) FROM "User")::int AS users,
      (SELECT count(*) FROM "AuditEvent")::int AS audit, (SELECT count(*) FROM "Milestone")::int AS milestones,
      (SELECT count(*) FROM "ProgressReport")::int AS reports,
      (SELECT sum("totalInvestment")::text FROM "Project") AS total, (SELECT sum("completedAmount")::text FROM "ProgressReport") AS completed`);
    return counts.rows[0];
  } finally {
    await client.end();
  }
}

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("backup and restore", () => {
  it("writes a self-referencing table parents first, whatever the ids and the heap order (restores go in batches)", async () => {
    const { plan, section, units } = await makePlan(db, { unitNames: ["备份县"] });
    const child = await makeProject(db, { planId: plan.id, sectionId: section.id, unitId: units[0].id, name: "先建的子项目" });
    const parent = await makeProject(db, { planId: plan.id, sectionId: section.id, unitId: units[0].id, name: "后建的打包项目" });
    await db.project.update({ where: { id: child.id }, data: { parentId: parent.id, totalInvestment: null } }); // child id < parent id
    await db.project.update({ where: { id: parent.id }, data: { name: "后建的打包项目（改名）" } }); // its row now sits after the child's
    const owner = new pg.Client({ connectionString: source });
    await owner.connect();
    try {
      const rows = (await owner.query<{ j: string }>(await rowOrderQuery(owner, "Project"))).rows.map((r) => JSON.parse(r.j).id as number);
      expect(rows.indexOf(parent.id)).toBeLessThan(rows.indexOf(child.id));
      expect(new Set(rows).size).toBe(rows.length); // each row once, however many paths lead to it
    } finally {
      await owner.end();
    }
  });

  it("restores a backup into a new database with the same row counts and totals, and new rows get fresh ids", async () => {
    const manifest = await dumpDatabase(source, dir);
    expect(manifest.tables.map((t) => t.name)).toContain("AuditEvent");
    await recreateDatabase(target);
    await prisma(["migrate", "deploy"], target);
    await restoreDatabase(target, dir);
    expect(await figures(target)).toEqual(await figures(source));

    const client = new pg.Client({ connectionString: target });
    await client.connect();
    const region = await client.query(`INSERT INTO "Region" (name, level) VALUES ('恢复后新增', 'CITY') RETURNING id`);
    const max = await client.query(`SELECT max(id) AS max FROM "Region" WHERE name <> '恢复后新增'`);
    expect(region.rows[0].id).toBeGreaterThan(max.rows[0].max);
    await client.end();
  });

  it("refuses to restore over existing data and changes nothing", async () => {
    await expect(restoreDatabase(target, dir)).rejects.toThrow(/not empty/);
  });
});
