import net from "node:net";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// This file's database client waits at most 1.5 s for a lock (the default is 5 s), so the lock test
// is quick. Set before lib/db.ts is first imported (each test file runs in a fresh process).
vi.hoisted(() => {
  process.env.DB_LOCK_TIMEOUT_MS = "1500";
});

import { createDatabaseClient, databaseSettings, db } from "@/lib/db";
import { DATABASE_BUSY_MESSAGE, DATABASE_DOWN_MESSAGE, databaseFailure } from "@/lib/errors";
import { makePlan, makeProject } from "@/lib/server/seed/factories";
import { commitImport } from "@/lib/server/imports/commit-import";
import { previewImport } from "@/lib/server/imports/preview-import";
import { listPlans } from "@/lib/server/plans/list-plans";
import { updateProject } from "@/lib/server/projects/update-project";
import { jsonResponse, runAction } from "@/lib/server/run-action";
import type { SessionUser } from "@/lib/server/auth/current-user";
import { expectAppError, sessionFor } from "../support/users";

// Issue #13 items 11 (concurrent import confirmations exhaust the pool) and 12 (no query timeout).

let admin: SessionUser;
beforeAll(async () => {
  admin = await sessionFor("ADMIN");
});

// A CSV in the plan appendix layout with `rows` new projects over two units.
function csv(rows: number, prefix: string) {
  const lines = ["单位,项目类别,项目名称,建设周期,总投资（亿元）"];
  for (let i = 0; i < rows; i++) lines.push(`${i % 2 ? "乙县" : "甲县"},医院,${prefix}项目${i + 1},2021-2025,${((i % 97) + 1) / 100}`);
  return Buffer.from(lines.join("\n"), "utf8");
}

async function previewed(rows: number, prefix: string, planId?: number) {
  const id = planId ?? (await makePlan(db, { unitNames: ["甲县", "乙县"] })).plan.id;
  const { batchId, counts } = await previewImport(admin, { planId: id, fileName: `${prefix}.csv`, bytes: csv(rows, prefix) });
  expect(counts.new).toBe(rows);
  return { planId: id, batchId };
}

// Connections running an import confirmation right now (commit-import.ts names them).
async function importConnections(probe: pg.Client) {
  return (await probe.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'ledger-import' AND datname = current_database()`))
    .rows[0].n as number;
}

const timed = async <T>(fn: () => Promise<T>) => {
  const t = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - t };
};

let probe: pg.Client;
beforeAll(async () => {
  probe = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await probe.connect();
});
afterAll(async () => {
  await probe.end();
});

describe("concurrent import confirmations (#13.11)", () => {
  it("12 confirms of one 19,990-row batch: one applies, the 11 others answer 已在导入 before it finishes, one set of audit rows; pages keep reading meanwhile", async () => {
    const { planId, batchId } = await previewed(19_990, "大批量");
    const started = performance.now();
    const settledAt: number[] = [];
    const confirms = Promise.allSettled(
      Array.from({ length: 12 }, (_, i) =>
        commitImport(admin, { batchId }).finally(() => {
          settledAt[i] = performance.now() - started;
        }),
      ),
    );
    // While the winner writes: ten ordinary reads at once (the pool has ten connections).
    let over = false;
    void confirms.finally(() => (over = true));
    while (!over && (await importConnections(probe)) === 0) await new Promise((r) => setTimeout(r, 20));
    const reads = await Promise.all(Array.from({ length: 10 }, () => timed(() => listPlans(admin, {}))));
    const stillWriting = (await importConnections(probe)) === 1;
    const results = await confirms;

    const applied = results.flatMap((r, i) => (r.status === "fulfilled" ? [{ i, value: r.value }] : []));
    expect(applied).toHaveLength(1);
    expect(applied[0].value).toMatchObject({ created: 19_990, updated: 0, already: false });
    const winnerAt = settledAt[applied[0].i];
    for (const [i, r] of results.entries()) {
      if (i === applied[0].i) continue;
      expect(r.status).toBe("rejected");
      const reason = (r as PromiseRejectedResult).reason as { code: string; message: string };
      expect(reason.code).toBe("CONFLICT");
      expect(reason.message).toContain("已在导入");
      expect(settledAt[i]).toBeLessThan(winnerAt); // answered at once, not after waiting for the winner
    }
    console.log(
      `[timeouts] winner ${Math.round(winnerAt)} ms; losers ≤ ${Math.round(Math.max(...settledAt.filter((_, i) => i !== applied[0].i)))} ms; reads during the import ≤ ${Math.round(Math.max(...reads.map((r) => r.ms)))} ms`,
    );
    // The ten reads were answered while the import still held its connection: they did not wait for it.
    expect(stillWriting).toBe(true);
    expect(reads).toHaveLength(10);

    expect(await db.project.count({ where: { planId } })).toBe(19_990);
    expect(await db.auditEvent.count({ where: { planId, action: "project.import" } })).toBe(19_990);
    expect(await db.auditEvent.count({ where: { action: "import.commit", entityId: String(batchId) } })).toBe(1);
    expect(await commitImport(admin, { batchId })).toMatchObject({ created: 19_990, already: true }); // afterwards: the first result
  }, 180_000);

  it("a batch being confirmed by another server process (its advisory lock held) is refused at once; nothing is written", async () => {
    const { planId, batchId } = await previewed(3, "另一进程");
    const other = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await other.connect();
    try {
      await other.query("BEGIN");
      await other.query("SELECT pg_advisory_xact_lock(7302, $1)", [batchId]); // commit-import.ts IMPORT_LOCK
      const refused = await timed(() => expectAppError(commitImport(admin, { batchId }), "CONFLICT"));
      expect(refused.value.message).toContain("已在导入");
      expect(refused.ms).toBeLessThan(1000); // not lock_timeout (1.5 s here), not the other's whole import
      expect(await db.project.count({ where: { planId } })).toBe(0);
      expect(await db.importBatch.findUniqueOrThrow({ where: { id: batchId } })).toMatchObject({ status: "PREVIEWED", committedAt: null });
    } finally {
      await other.query("ROLLBACK");
      await other.end();
    }
    expect(await commitImport(admin, { batchId })).toMatchObject({ created: 3, already: false });
  });

  it("confirmations of different batches run one at a time: never more than one connection busy importing, and each applies", async () => {
    const { planId } = await previewed(1, "基线");
    const batches = [];
    for (const prefix of ["批次甲", "批次乙", "批次丙"]) batches.push((await previewed(3000, prefix, planId)).batchId);
    let done = false;
    let most = 0;
    const all = Promise.allSettled(batches.map((batchId) => commitImport(admin, { batchId }))).finally(() => (done = true));
    while (!done) {
      most = Math.max(most, await importConnections(probe));
      await new Promise((r) => setTimeout(r, 10));
    }
    const results = await all;
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "fulfilled"]);
    expect(most).toBe(1);
    expect(await db.project.count({ where: { planId } })).toBe(9000);
  }, 120_000);
});

// A TCP hop to the test database that can stop answering, like a PostgreSQL stopped with SIGSTOP:
// connections stay open, bytes go nowhere. Connections frozen stay dead after thaw(); new ones work.
function freezableProxy(target: URL) {
  let frozen = false;
  const pairs = new Set<{ client: net.Socket; upstream: net.Socket; dead: boolean }>();
  const server = net.createServer((client) => {
    const pair = { client, upstream: net.connect(Number(target.port || 5432), target.hostname), dead: frozen };
    pairs.add(pair);
    client.on("data", (d) => void (pair.dead || pair.upstream.write(d)));
    pair.upstream.on("data", (d) => void (pair.dead || client.write(d)));
    const close = () => {
      client.destroy();
      pair.upstream.destroy();
      pairs.delete(pair);
    };
    for (const s of [client, pair.upstream]) s.on("close", close).on("error", () => {});
  });
  return {
    async url() {
      await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
      const u = new URL(target);
      u.hostname = "127.0.0.1";
      u.port = String((server.address() as net.AddressInfo).port);
      return u.toString();
    },
    freeze() {
      frozen = true;
      for (const p of pairs) p.dead = true;
    },
    thaw() {
      frozen = false;
    },
    open: () => pairs.size,
    close() {
      for (const p of pairs) p.client.destroy();
      return new Promise((r) => server.close(r));
    },
  };
}

describe("database timeouts (#13.12)", () => {
  it("every connection, in and out of transactions, carries the configured limits", async () => {
    const show = async (q: { $queryRawUnsafe: typeof db.$queryRawUnsafe }) =>
      (
        await q.$queryRawUnsafe<{ s: string; l: string; i: string }[]>(
          "SELECT current_setting('statement_timeout') s, current_setting('lock_timeout') l, current_setting('idle_in_transaction_session_timeout') i",
        )
      )[0];
    const expected = { s: "15s", l: "1500ms", i: "30s" };
    expect(await show(db)).toEqual(expected);
    expect(await db.$transaction((tx) => show(tx))).toEqual(expected);
  });

  it("a write blocked on a row lock held elsewhere answers 503 数据库繁忙 within lock_timeout, writes nothing, and logs the cause", async () => {
    const { plan, section, units } = await makePlan(db, { unitNames: ["锁县"] });
    const p = await makeProject(db, { planId: plan.id, sectionId: section.id, unitId: units[0].id, name: "锁等待项目" });
    const input = {
      id: p.id,
      version: p.version,
      name: "锁等待项目（改）",
      owner: "",
      startYear: 2021,
      endYear: 2025,
      totalInvestment: "100",
      moneyUnit: "wan",
      unitId: units[0].id,
      sectionId: section.id,
      status: "PREPARATION",
      reason: "测试锁等待",
    };
    const other = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await other.connect();
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      await other.query("BEGIN");
      await other.query(`SELECT id FROM "Project" WHERE id = $1 FOR UPDATE`, [p.id]);
      const blocked = await timed(() => runAction(() => updateProject(admin, input)));
      expect(blocked.value).toEqual({ ok: false, code: "UNAVAILABLE", message: DATABASE_BUSY_MESSAGE });
      expect(blocked.ms).toBeGreaterThan(1400);
      expect(blocked.ms).toBeLessThan(3500); // lock_timeout is 1.5 s here; without it: as long as the other holds the lock
      expect(errors).toHaveBeenCalledWith(expect.stringContaining("55P03"));
    } finally {
      errors.mockRestore();
      await other.query("ROLLBACK");
      await other.end();
    }
    expect(await db.project.findUniqueOrThrow({ where: { id: p.id } })).toMatchObject({ name: "锁等待项目", version: p.version });
    expect(await db.auditEvent.count({ where: { entityType: "Project", entityId: String(p.id) } })).toBe(0);
    expect(await runAction(() => updateProject(admin, input))).toMatchObject({ ok: true }); // once the lock is gone
  });

  it("a statement running past statement_timeout is cancelled by the server: the route answers 503 with the Chinese message", async () => {
    const client = createDatabaseClient({ ...databaseSettings(), statementTimeoutMs: 500, queryTimeoutMs: 5000 });
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const slow = await timed(() => jsonResponse(() => client.$executeRaw`SELECT pg_sleep(5)`));
      expect(slow.value.status).toBe(503);
      expect((await slow.value.json()).error).toMatchObject({ code: "UNAVAILABLE", message: DATABASE_BUSY_MESSAGE });
      expect(slow.ms).toBeLessThan(2000);
      expect(errors).toHaveBeenCalledWith(expect.stringContaining("57014"));
      // in a transaction too, and the connection is fine afterwards
      const inTx = await runAction(() => client.$transaction(async (tx) => tx.$executeRaw`SELECT pg_sleep(5)`));
      expect(inTx).toMatchObject({ ok: false, code: "UNAVAILABLE", message: DATABASE_BUSY_MESSAGE });
      expect(await client.plan.count()).toBeGreaterThan(0);
    } finally {
      errors.mockRestore();
      await client.$disconnect();
    }
  });

  it("a frozen server (no answer at all): requests end with 503 within query_timeout, hung connections are closed, and it works again when the server answers", async () => {
    const proxy = freezableProxy(new URL(process.env.DATABASE_URL!));
    const client = createDatabaseClient({
      ...databaseSettings(),
      url: await proxy.url(),
      poolMax: 2,
      connectTimeoutMs: 1000,
      statementTimeoutMs: 1000,
      queryTimeoutMs: 1500,
    });
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      expect(await client.plan.count()).toBeGreaterThan(0); // through the proxy, a connection now idle in the pool
      proxy.freeze();
      const read = await timed(() => jsonResponse(() => client.plan.findMany({ select: { id: true } })));
      expect(read.value.status).toBe(503);
      expect((await read.value.json()).error.message).toBe(DATABASE_BUSY_MESSAGE);
      expect(read.ms).toBeGreaterThan(1400);
      expect(read.ms).toBeLessThan(3000);
      expect(errors).toHaveBeenCalledWith(expect.stringContaining("query_timeout"));
      // a new connection gets no answer either: 503 within the connect timeout
      const write = await timed(() => runAction(() => client.$transaction(async (tx) => tx.plan.count())));
      expect(write.value).toMatchObject({ ok: false, code: "UNAVAILABLE" });
      expect([DATABASE_BUSY_MESSAGE, DATABASE_DOWN_MESSAGE]).toContain((write.value as { message: string }).message);
      expect(write.ms).toBeLessThan(2500);
      await new Promise((r) => setTimeout(r, 100));
      expect(proxy.open()).toBe(0); // the hung connections were closed, not kept in the pool

      // Transactions whose connection stops answering half-way: 503 each, and their connections
      // neither come back from the pool nor stay checked out (three of them on a pool of two).
      for (let i = 0; i < 3; i++) {
        proxy.thaw();
        const halfway = await timed(() =>
          runAction(() =>
            client.$transaction(async (tx) => {
              await tx.plan.count();
              proxy.freeze();
              return tx.plan.count();
            }),
          ),
        );
        expect(halfway.value).toMatchObject({ ok: false, code: "UNAVAILABLE", message: DATABASE_BUSY_MESSAGE });
        expect(halfway.ms).toBeLessThan(4000);
      }
      proxy.thaw(); // connections frozen stay dead: only new ones work
      const after = await timed(() => client.$transaction(async (tx) => tx.plan.count()));
      expect(after.value).toBeGreaterThan(0);
      expect(after.ms).toBeLessThan(1400); // a fresh connection, not a dead one (that would wait out query_timeout and fail)
    } finally {
      errors.mockRestore();
      await Promise.race([client.$disconnect(), new Promise((r) => setTimeout(r, 3000))]); // a leaked connection would hold it forever
      await proxy.close();
    }
  }, 30_000);

  it("the failures seen during outages and timeouts are told apart from bugs: 503 with the reason logged, anything else stays a 500", () => {
    const busy = [
      new Error("Query read timeout"),
      Object.assign(new Error("Raw query failed. Code: `57014`. Message: `canceling statement due to statement timeout`"), { code: "P2010" }),
      new Error("Transaction API error: Unable to start a transaction in the given time."),
      new Error("Transaction API error: A query cannot be executed on an expired transaction. The timeout for this transaction was 5000 ms"),
    ];
    for (const e of busy) expect(databaseFailure(e)).toMatchObject({ message: DATABASE_BUSY_MESSAGE });
    // a transaction's connection lost in an outage (seen in `npm run load -- --fault`)
    expect(databaseFailure(new Error("Client has encountered a connection error and is not queryable"))).toMatchObject({ message: DATABASE_DOWN_MESSAGE });
    for (const e of [new Error('syntax error at or near "SELEC"'), new TypeError("x is undefined"), null]) expect(databaseFailure(e)).toBeNull();
  });

  it("with every connection busy, a request waits at most the connect timeout and answers 503, not 500", async () => {
    const client = createDatabaseClient({ ...databaseSettings(), poolMax: 1, connectTimeoutMs: 500 });
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const busy = client.$transaction(async (tx) => tx.$executeRaw`SELECT pg_sleep(2)`);
      await new Promise((r) => setTimeout(r, 200));
      const waited = await timed(() => runAction(() => client.$transaction(async (tx) => tx.plan.count())));
      expect(waited.value).toMatchObject({ ok: false, code: "UNAVAILABLE" });
      expect(waited.ms).toBeLessThan(1500);
      await busy;
    } finally {
      errors.mockRestore();
      await client.$disconnect();
    }
  });
});
