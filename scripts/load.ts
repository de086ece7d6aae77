// `npm run load [-- --seconds N] [-- --fault]`: load and fault runs on loopback, in their own database
// (ledger_load; never the app's or the tests' data), bounded in time and count, stopping by themselves.
//   load:  50 concurrent signed-in clients for 60 s (default) on each of the finance dashboard, the
//          project list, report save (POST /api/v1/reports) and the 调度表 export → errors, p50/p95/p99.
//   fault: while 20 clients load the project list and 5 save reports, PostgreSQL is stopped for 8 s and
//          started again: during the outage requests must fail fast with 503 (no hang), /api/health
//          must say why, the service must recover without a restart, and no write may be partial
//          (every report has its audit row).
import crypto from "node:crypto";
import autocannon from "autocannon";
import pg from "pg";
import { sessionCookie, startApp } from "./lib/app-server";
import { buildIfNeeded } from "./lib/build";
import { ensureDatabase, recreateDatabase, type Database } from "./lib/database";
import { mustRun, prisma } from "./lib/run";

const args = process.argv.slice(2);
const SECONDS = Number(args[args.indexOf("--seconds") + 1]) || 60;
const CONNECTIONS = 50;

type Row = { name: string; requests: number; errors: number; non2xx: number; p50: number; p95: number; p99: number; rps: number; codes: string };

function run(name: string, opts: autocannon.Options): Promise<Row> {
  return new Promise((resolve, reject) => {
    autocannon({ connections: CONNECTIONS, duration: SECONDS, ...opts }, (err, r) => {
      if (err) return reject(err);
      const p95 = (r.latency as unknown as Record<string, number>).p95 ?? r.latency.p97_5;
      const codes = Object.entries((r as unknown as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {})
        .map(([code, v]) => `${code}×${v.count}`)
        .join(" ");
      resolve({
        name,
        requests: r.requests.total,
        errors: r.errors + r.timeouts,
        non2xx: r.non2xx,
        p50: r.latency.p50,
        p95,
        p99: r.latency.p99,
        rps: Math.round(r.requests.average),
        codes,
      });
    });
  });
}

async function main() {
  process.env.PGPORT ??= String(56329); // fixed, so the fault run can restart the server on the same port
  let db: Database = await ensureDatabase({ purpose: "load" });
  const secret = crypto.randomBytes(32).toString("hex");
  const env = { DATABASE_URL: db.url, NEXTAUTH_SECRET: secret };
  let app: Awaited<ReturnType<typeof startApp>> | undefined;
  try {
    await recreateDatabase(db.url);
    await prisma(["migrate", "deploy"], db.url);
    await mustRun("tsx", ["--conditions=react-server", "scripts/seed.ts", "--demo-users"], env);
    await buildIfNeeded({ ...env, NODE_ENV: "production" });
    app = await startApp(env);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const user = async (username: string) =>
      (await client.query(`SELECT id, "sessionVersion", "displayName" AS name FROM "User" WHERE username = $1`, [username])).rows[0];
    const finance = await sessionCookie(secret, await user("finance"));
    const officerRow = await user("yy-pingjiang");
    const officer = await sessionCookie(secret, officerRow);
    const plan = (await client.query(`SELECT id FROM "Plan" WHERE key = 'yueyang'`)).rows[0].id;
    // 50 clients are 50 people (county officers of 平江县): the API's per-user rate limit is for one
    // person's requests, not for a whole office's.
    const officers = await client.query(
      `WITH u AS (INSERT INTO "User" (username, "displayName", "passwordHash", role, "updatedAt")
         SELECT 'load-' || g, '压测专干' || g, 'not-used', 'COUNTY_OFFICER', now() FROM generate_series(1, ${CONNECTIONS}) g
         RETURNING id, "sessionVersion", "displayName" AS name)
       , uu AS (INSERT INTO "UserUnit" ("userId", "unitId") SELECT u.id, ${"$"}1 FROM u)
       SELECT * FROM u ORDER BY id`,
      [(await client.query(`SELECT "unitId" FROM "UserUnit" WHERE "userId" = $1`, [officerRow.id])).rows[0].unitId],
    );
    const cookies = await Promise.all(officers.rows.map((o) => sessionCookie(secret, o)));
    let clientNo = 0;
    const asPerson =
      (extra: Record<string, string> = {}) =>
      (c: autocannon.Client) =>
        c.setHeaders({ ...extra, cookie: cookies[clientNo++ % cookies.length] });
    const projects = (
      await client.query(
        `SELECT p.id FROM "Project" p JOIN "UserUnit" uu ON uu."unitId" = p."unitId" WHERE uu."userId" = $1 AND p."parentId" IS NULL AND p.kind = 'PROJECT' AND p."startYear" <= 2023 AND p."endYear" >= 2023 ORDER BY p.id`,
        [officerRow.id],
      )
    ).rows.map((r) => r.id);
    await client.end();
    // Report saves (for 2023-06, inside these projects' build periods): each client re-saves one of the officer's reports (the first save creates it; the
    // rest store the same figures, which the operation answers without writing).
    const reportBody = (i: number) =>
      JSON.stringify({ projectId: projects[i % projects.length], period: "2023-06", moneyUnit: "wan", completedAmount: "100", progressText: "主体施工" });
    const json = { "content-type": "application/json", cookie: officer };

    if (!args.includes("--fault")) {
      const rows: Row[] = [];
      console.log(`\n=== load: ${CONNECTIONS} clients × ${SECONDS} s each, ${app.base}`);
      rows.push(await run("finance dashboard", { url: `${app.base}/finance/${plan}`, setupClient: asPerson() }));
      rows.push(await run("project list", { url: `${app.base}/projects?plan=${plan}`, setupClient: asPerson() }));
      let n = 0;
      rows.push(
        await run("report save", {
          url: `${app.base}/api/v1/reports`,
          method: "POST",
          setupClient: (c) => {
            asPerson({ "content-type": "application/json" })(c);
            c.setBody(reportBody(n++));
          },
        }),
      );
      rows.push(await run("调度表 export", { url: `${app.base}/api/v1/exports/schedule?plan=${plan}&period=2025-12`, setupClient: asPerson() }));
      console.log("\nscenario               requests  errors  non-2xx   req/s   p50 ms   p95 ms   p99 ms");
      for (const r of rows)
        console.log(
          `${r.name.padEnd(22)} ${String(r.requests).padStart(8)} ${String(r.errors).padStart(7)} ${String(r.non2xx).padStart(8)} ${String(r.rps).padStart(7)} ${String(r.p50).padStart(8)} ${String(r.p95).padStart(8)} ${String(r.p99).padStart(8)}   ${r.codes}`,
        );
      const failed = rows.filter((r) => r.errors || r.non2xx);
      console.log(failed.length ? `\nFAILED: errors in ${failed.map((r) => r.name).join(", ")}` : "\n0 errors in every scenario");
      process.exitCode = failed.length ? 1 : 0;
      return;
    }

    console.log(`\n=== fault: PostgreSQL stopped for 8 s during load, ${app.base}`);
    const base = app.base;
    const load = run("project list", { url: `${base}/projects?plan=${plan}`, headers: { cookie: finance }, connections: 20, duration: 25 });
    let n = 0;
    const saves = run("report save", {
      url: `${base}/api/v1/reports`,
      method: "POST",
      headers: json,
      connections: 5,
      duration: 25,
      setupClient: (c) => c.setBody(reportBody(n++)),
    });
    await new Promise((r) => setTimeout(r, 6000));
    await db.stop();
    const downAt = Date.now();
    await new Promise((r) => setTimeout(r, 1500));
    const t = Date.now();
    const page = await fetch(`${base}/projects?plan=${plan}`, { headers: { cookie: finance } });
    const pageMs = Date.now() - t;
    const health = await fetch(`${base}/api/health`);
    const healthBody = await health.json();
    const save = await fetch(`${base}/api/v1/reports`, { method: "POST", headers: json, body: reportBody(0) });
    const saveBody = await save.json();
    console.log(
      `while down: page ${page.status} in ${pageMs} ms; /api/health ${health.status} ${JSON.stringify(healthBody.database)}; report save ${save.status} ${JSON.stringify(saveBody.error?.message)}`,
    );
    await new Promise((r) => setTimeout(r, Math.max(0, 8000 - (Date.now() - downAt))));
    db = await ensureDatabase({ purpose: "load" });
    const back = Date.now();
    let recoveredMs = -1;
    while (Date.now() - back < 15_000) {
      const r = await fetch(`${base}/projects?plan=${plan}`, { headers: { cookie: finance }, redirect: "manual" });
      if (r.status === 200) {
        recoveredMs = Date.now() - back;
        break;
      }
      await new Promise((res) => setTimeout(res, 200));
    }
    const [listRow, saveRow] = await Promise.all([load, saves]);
    const check = new pg.Client({ connectionString: db.url });
    await check.connect();
    const orphans = (
      await check.query(
        `SELECT count(*)::int AS n FROM "ProgressReport" r WHERE NOT EXISTS (SELECT 1 FROM "AuditEvent" a WHERE a."entityType" = 'ProgressReport' AND a."entityId" = r.id::text)`,
      )
    ).rows[0].n;
    const reports = (await check.query(`SELECT count(*)::int AS n FROM "ProgressReport"`)).rows[0].n;
    await check.end();
    console.log(`after restart: pages 200 again ${recoveredMs} ms after PostgreSQL was back (no app restart)`);
    for (const r of [listRow, saveRow])
      console.log(`during the run, ${r.name}: ${r.requests} requests, ${r.non2xx} non-2xx (the outage), ${r.errors} socket errors/timeouts, p99 ${r.p99} ms`);
    console.log(`invariants: ${reports} reports, ${orphans} without their audit row`);
    const ok =
      page.status === 503 &&
      pageMs < 2000 &&
      health.status === 503 &&
      save.status === 503 &&
      recoveredMs >= 0 &&
      orphans === 0 &&
      listRow.errors === 0 &&
      saveRow.errors === 0;
    console.log(ok ? "\nfault run: PASSED" : "\nfault run: FAILED");
    process.exitCode = ok ? 0 : 1;
  } finally {
    await app?.stop();
    await db.stop();
    process.exit(process.exitCode ?? 0);
  }
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
