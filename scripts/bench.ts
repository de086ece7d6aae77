// `npm run bench`: rollup, page and first-visit performance on a synthetic portfolio, in its own
// database (ledger_bench; never the app's or the tests' data). Issue #17.
//   1. builds 20,000 projects and 240,000 period reports over 2021-01 … 2025-12
//      (scripts/lib/bench-portfolio.ts; `-- --scale 0.1` for a tenth while developing);
//   2. starts the production server on 127.0.0.1 against that database;
//   3. times GET /api/v1/rollups by unit and by category (API token) and the same SQL run directly
//      with `pg` (also right after an approval): cold (a report approved before every request, so the
//      cache is stale and the SQL runs) and warm (nothing changed, so the cached result is reused),
//      after warm-up runs that are discarded;
//   4. loads, one after the other under the same 50 concurrent clients (autocannon, loopback,
//      bounded in requests and time): the bare authenticated route GET /api/session (the floor of a
//      signed-in request), the plan list, the finance dashboard, the project list and the 调度表 export;
//      then the dashboard again while a report is approved every 500 ms, and on a second server that
//      keeps no rendered pages (KEPT_PAGES_MB=0, lib/page-cache);
//   5. breaks single requests of each down from their Server-Timing headers (session decode, user
//      lookup, data, the rest = rendering; lib/server-timing);
//   6. a reporting week: 1,500 approvals one after another, then the rollup statement again, right
//      away and once autovacuum has run after them;
//   7. a first visit in Chromium: sign in, open the dashboard; requests, bytes, fonts, time to usable.
// Prints one table; the raw numbers go to bench-results/bench.json.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { hash as hashPassword } from "@node-rs/argon2";
import type { BrowserContext, Page } from "@playwright/test";
import autocannon from "autocannon";
import { encode } from "next-auth/jwt";
import pg from "pg";
import { buildPortfolio, BENCH } from "./lib/bench-portfolio";
import { buildIfNeeded } from "./lib/build";
import { startApp } from "./lib/app-server";
import { ensureDatabase, recreateDatabase, ROOT } from "./lib/database";
import { mustRun, prisma } from "./lib/run";

// warmup: cold and warm requests (and the statements) run and discarded before each rollup is timed,
// so the figures are of a server whose code is compiled, not of its first requests.
// sustained: approvals one after another, then the rollup statement timed again (a reporting week).
const RUNS = { sql: 100, apiCold: 100, warm: 200, timing: 30, warmup: 15, sustained: 1500 };
const LOAD = { connections: 50, maxRequests: 3000, durationSeconds: 15 };
const TARGETS = { apiColdP95: 60, apiColdRatio: 1.5, apiWarmP95: 20, dashboardToFloor: 2, firstVisitBytes: 1.5 * 1024 * 1024, firstVisitMs: 1000 };
const met = (ok: boolean) => (ok ? "met" : "NOT met");

type Stats = { n: number; p50: number; p95: number; mean: number };
function stats(ms: number[]): Stats {
  if (ms.length === 0) return { n: 0, p50: NaN, p95: NaN, mean: NaN };
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
  return { n: s.length, p50: at(0.5), p95: at(0.95), mean: s.reduce((a, b) => a + b, 0) / s.length };
}
const fmt = (v: number) => v.toFixed(1).padStart(8);

// One response's Server-Timing (lib/server-timing): session decode, user lookup, data, the rest of the
// server's time to the headers, and the body's transfer (the client's total less the server's).
type Breakdown = { total: number; app: number; session: number; user: number; data: number; rest: number; body: number };
function breakdownOf(header: string, total: number): Breakdown {
  const dur = (name: string) => Number(new RegExp(`(?:^|,\\s*)${name};dur=([\\d.]+)`).exec(header)?.[1] ?? 0);
  const app = dur("app");
  const [session, user, data] = [dur("session"), dur("user"), dur("data")];
  return { total, app, session, user, data, rest: Math.max(0, app - session - user - data), body: Math.max(0, total - app) };
}
const meanBreakdown = (runs: Breakdown[]): Breakdown =>
  Object.fromEntries(
    (["total", "app", "session", "user", "data", "rest", "body"] as const).map((k) => [k, runs.reduce((a, r) => a + r[k], 0) / Math.max(1, runs.length)]),
  ) as Breakdown;

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

async function main() {
  const started = Date.now();
  const db = await ensureDatabase({ purpose: "bench" });
  const servers: Awaited<ReturnType<typeof startApp>>[] = [];
  const client = new pg.Client({ connectionString: db.url });
  try {
    console.log(`\n=== synthetic portfolio (${BENCH.projects} projects, ${BENCH.reports} reports) in ${new URL(db.url).pathname.slice(1)}`);
    await recreateDatabase(db.url);
    await prisma(["generate"], db.url); // the client of this checkout's schema, also after a pull that changed it
    await prisma(["migrate", "deploy"], db.url);
    await client.connect();
    const t0 = Date.now();
    const { planId } = await buildPortfolio(client);
    const counts = (await client.query(`SELECT (SELECT count(*) FROM "Project")::int AS projects, (SELECT count(*) FROM "ProgressReport")::int AS reports`))
      .rows[0];
    console.log(`built ${counts.projects} projects, ${counts.reports} reports in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    // A reviewer (session cookie for the pages; a password for the browser's sign-in) and an admin with an API token.
    const benchPassword = crypto.randomBytes(12).toString("base64url");
    const secret = crypto.randomBytes(32).toString("hex");
    const users = await client.query(
      `INSERT INTO "User" (username, "displayName", "passwordHash", role, "updatedAt") VALUES
        ('bench-finance', '基准审核', $1, 'FINANCE_REVIEWER', now()), ('bench-admin', '基准管理员', 'not-used', 'ADMIN', now())
       RETURNING id, role, "sessionVersion"`,
      [await hashPassword(benchPassword)],
    );
    const reviewer = users.rows.find((u) => u.role === "FINANCE_REVIEWER");
    const admin = users.rows.find((u) => u.role === "ADMIN");
    // One token per rollup grouping: each stays under the API's rate limit (600 a minute per token).
    const tokens: Record<string, string> = {};
    for (const by of ["unit", "category"]) {
      const token = `plt_${crypto.randomBytes(32).toString("base64url")}`;
      await client.query(`INSERT INTO "ApiToken" ("userId", name, "tokenHash", prefix) VALUES ($1, $2, $3, $4)`, [
        admin.id,
        `bench ${by}`,
        crypto.createHash("sha256").update(token).digest("hex"),
        token.slice(0, 10),
      ]);
      tokens[by] = token;
    }
    const session = await encode({ token: { uid: reviewer.id, sv: reviewer.sessionVersion, name: "基准审核", sid: crypto.randomUUID() }, secret });

    // The exact statements the API runs, from the rollup module itself.
    const sqlFile = path.join(ROOT, "bench-results", "rollup-sql.json");
    fs.mkdirSync(path.dirname(sqlFile), { recursive: true });
    await mustRun("tsx", ["--conditions=react-server", "scripts/lib/bench-sql.ts", String(planId), BENCH.period, sqlFile], {
      DATABASE_URL: db.url,
      NEXTAUTH_SECRET: secret,
    });
    const statements: Record<"unit" | "category", { text: string; values: unknown[] }> = JSON.parse(fs.readFileSync(sqlFile, "utf8"));
    const explain = await client.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${statements.unit.text}`, statements.unit.values);
    fs.writeFileSync(path.join(ROOT, "bench-results", "explain-unit.json"), JSON.stringify(explain.rows[0], null, 2));

    console.log("\n=== production server on 127.0.0.1");
    const env = { DATABASE_URL: db.url, NEXTAUTH_SECRET: secret };
    await buildIfNeeded({ ...env, NODE_ENV: "production" });
    const app = await startApp(env);
    servers.push(app);
    const base = app.base;
    // An approval, as review-reports.ts writes it (status, then the official revision), of the next
    // submitted report: the running figures of its project are refreshed and the rollup stamp bumped
    // in its transaction, so the next rollup request finds the cache stale and runs its SQL.
    const submitted: number[] = (
      await client.query(`SELECT id FROM "ProgressReport" WHERE status = 'SUBMITTED' AND "isCurrent" ORDER BY period DESC, id`)
    ).rows.map((r) => r.id);
    // Every cold run approves a report first. A small --scale has fewer submitted reports, so fewer
    // runs (the reporting week below takes what is left).
    const reserve = 100; // approvals during the dashboard's load and before its cold view
    const fit = Math.min(1, Math.max(0, submitted.length - reserve) / (2 * (RUNS.warmup + RUNS.sql + RUNS.apiCold)));
    const runs = {
      warmup: Math.max(1, Math.floor(RUNS.warmup * fit)),
      sql: Math.max(5, Math.floor(RUNS.sql * fit)),
      apiCold: Math.max(5, Math.floor(RUNS.apiCold * fit)),
    };
    if (fit < 1) console.log(`${submitted.length} submitted reports to approve: ${JSON.stringify(runs)} runs per rollup`);
    const approve = async () => {
      const id = submitted.shift();
      if (id === undefined) throw new Error("no submitted report left to approve");
      await client.query("BEGIN");
      await client.query(`UPDATE "ProgressReport" SET status = 'APPROVED', version = version + 1, "reviewedAt" = now() WHERE id = $1`, [id]);
      await client.query(`UPDATE "ProgressReport" SET "isOfficial" = true WHERE id = $1`, [id]);
      await client.query("COMMIT");
    };
    // A rollup request; `timings` collects where its time went (Server-Timing), for the breakdown table.
    const api = async (by: string, timings?: Breakdown[]) => {
      const t = performance.now();
      const res = await fetch(`${base}/api/v1/rollups?plan=${planId}&by=${by}&period=${BENCH.period}`, { headers: { authorization: `Bearer ${tokens[by]}` } });
      if (res.status !== 200) throw new Error(`API ${by}: ${res.status} ${await res.text()}`);
      const body = await res.json();
      timings?.push(breakdownOf(res.headers.get("server-timing") ?? "", performance.now() - t));
      return body;
    };
    const coldTimings: Record<string, Breakdown[]> = { unit: [], category: [] };

    const results: Record<string, Record<string, Stats>> = {};
    for (const by of ["unit", "category"] as const) {
      const st = statements[by];
      // Warm up the server (its code compiled on first use), the database cache and the plans.
      for (let i = 0; i < runs.warmup; i++) {
        await approve();
        await api(by);
        await api(by);
        await client.query(st.text, st.values);
      }
      const sql: number[] = [];
      for (let i = 0; i < runs.sql; i++) sql.push(await timed(() => client.query(st.text, st.values)));
      // The same statement right after an approval, as the cold API request runs it.
      const sqlAfter: number[] = [];
      for (let i = 0; i < runs.sql; i++) {
        await approve();
        sqlAfter.push(await timed(() => client.query(st.text, st.values)));
      }
      const cold: number[] = [];
      for (let i = 0; i < runs.apiCold; i++) {
        await approve();
        cold.push(await timed(() => api(by, coldTimings[by])));
      }
      await api(by);
      const warm: number[] = [];
      for (let i = 0; i < RUNS.warm; i++) warm.push(await timed(() => api(by)));
      results[by] = { sql: stats(sql), sqlAfterApproval: stats(sqlAfter), apiCold: stats(cold), apiWarm: stats(warm) };
      console.log(
        `rollup by ${by}: SQL p95 ${results[by].sql.p95.toFixed(1)} ms, API cold p95 ${results[by].apiCold.p95.toFixed(1)} ms, warm p95 ${results[by].apiWarm.p95.toFixed(1)} ms`,
      );
      // The API returns what the SQL computes: same number of groups and the same total.
      const body = await api(by);
      const direct = await client.query(st.text, st.values);
      if (body.rows.length + 1 !== direct.rows.length) throw new Error(`API rows ${body.rows.length} vs SQL ${direct.rows.length - 1}`);
    }

    const cookie = `next-auth.session-token=${session}`;
    const firstUnit = (await client.query(`SELECT id FROM "ReportingUnit" WHERE "planId" = $1 ORDER BY "sortOrder" LIMIT 1`, [planId])).rows[0].id;
    const ROUTES = [
      { key: "floor", label: "bare authenticated route GET /api/session", path: "/api/session", expect: '"displayName"' },
      { key: "plans", label: "plan list /plans", path: "/plans", expect: "基准测试规划" },
      { key: "dashboard", label: "dashboard /finance/[id]", path: `/finance/${planId}?period=${BENCH.period}`, expect: "各单位汇总" },
      { key: "projects", label: "project list /projects", path: `/projects?plan=${planId}`, expect: "合成项目" },
      {
        key: "schedule",
        label: "调度表 export (one unit, .xlsx)",
        path: `/api/v1/exports/schedule?plan=${planId}&unit=${firstUnit}&period=${BENCH.period}`,
        expect: null,
      },
    ] as const;
    // Each route answers as expected, and its code is loaded before it is timed.
    for (const r of ROUTES) {
      const res = await fetch(`${base}${r.path}`, { headers: { cookie } });
      const body = await res.text();
      if (res.status !== 200 || (r.expect && !body.includes(r.expect))) throw new Error(`${r.path}: ${res.status} ${body.slice(0, 200)}`);
      for (let i = 0; i < 5; i++) await fetch(`${base}${r.path}`, { headers: { cookie } }).then((x) => x.arrayBuffer());
    }
    // One dashboard request after a change (cold: its rollups recompute).
    await approve();
    const dashCold = await timed(() => fetch(`${base}${ROUTES[2].path}`, { headers: { cookie } }).then((x) => x.text()));

    // Where a single request's time goes, from its Server-Timing header (sequential, nothing else running).
    const breakdown: Record<string, Breakdown> = {};
    for (const by of ["unit", "category"] as const) breakdown[`cold-${by}`] = meanBreakdown(coldTimings[by]);
    for (const r of ROUTES) {
      const samples: Breakdown[] = [];
      for (let i = 0; i < RUNS.timing; i++) {
        const t = performance.now();
        const res = await fetch(`${base}${r.path}`, { headers: { cookie } });
        await res.arrayBuffer();
        samples.push(breakdownOf(res.headers.get("server-timing") ?? "", performance.now() - t));
      }
      breakdown[r.key] = meanBreakdown(samples);
      console.log(`${r.label}: ${JSON.stringify(Object.fromEntries(Object.entries(breakdown[r.key]).map(([k, v]) => [k, Number(v.toFixed(2))])))}`);
    }

    console.log(`\n=== ${LOAD.connections} concurrent clients per route (autocannon, at most ${LOAD.maxRequests} requests / ${LOAD.durationSeconds} s each)`);
    // 50 clients, each sending its next request as soon as the last one is answered.
    const loadTest = async (url: string, during?: () => Promise<void>) => {
      const latencies: number[] = [];
      let loading = true;
      const meanwhile = (async () => {
        while (during && loading) await during();
      })();
      const run = await new Promise<autocannon.Result>((resolve, reject) => {
        const instance = autocannon(
          { url, connections: LOAD.connections, maxOverallRequests: LOAD.maxRequests, duration: LOAD.durationSeconds, headers: { cookie } },
          (err, result) => (err ? reject(err) : resolve(result)),
        );
        instance.on("response", (_client, status, _bytes, ms) => {
          if (status === 200) latencies.push(ms);
        });
      }).finally(() => (loading = false));
      await meanwhile;
      return { stats: stats(latencies), non2xx: run.non2xx, rps: run.requests.average };
    };
    const load: Record<string, Awaited<ReturnType<typeof loadTest>>> = {};
    // The server may still be working off requests the clients gave up on: wait until it answers at once.
    const drain = async () => {
      const until = Date.now() + 120_000;
      while (Date.now() < until && (await timed(() => fetch(`${base}/api/session`, { headers: { cookie } }).then((x) => x.text()))) > 200)
        await new Promise((r) => setTimeout(r, 1000));
    };
    for (const r of ROUTES) {
      await drain();
      load[r.key] = await loadTest(`${base}${r.path}`);
      console.log(`${r.label}: p95 ${load[r.key].stats.p95.toFixed(1)} ms (${load[r.key].stats.n} answered 200, ${load[r.key].non2xx} not)`);
    }
    // The dashboard is kept rendered per reader and data (lib/page-cache), so the load above is mostly
    // sent as kept. The same load while a report is approved every 500 ms (each approval makes the next
    // views render again), and with nothing kept (KEPT_PAGES_MB=0: every view renders).
    const dashboardPath = ROUTES[2].path;
    await drain();
    load.dashboardApprovals = await loadTest(`${base}${dashboardPath}`, async () => {
      await new Promise((r) => setTimeout(r, 500));
      await approve();
    });
    console.log(`dashboard, a report approved every 500 ms: p95 ${load.dashboardApprovals.stats.p95.toFixed(1)} ms`);
    const unkept = await startApp({ ...env, KEPT_PAGES_MB: "0" });
    servers.push(unkept);
    for (let i = 0; i < 5; i++) await fetch(`${unkept.base}${dashboardPath}`, { headers: { cookie } }).then((x) => x.arrayBuffer());
    load.dashboardUnkept = await loadTest(`${unkept.base}${dashboardPath}`);
    console.log(`dashboard, nothing kept: p95 ${load.dashboardUnkept.stats.p95.toFixed(1)} ms`);
    await unkept.stop();
    results.load = Object.fromEntries(Object.entries(load).map(([k, v]) => [k, v.stats]));

    // A reporting week: many approvals one after another. The running figures they rewrite cost the
    // rollup's index-only scans heap fetches until the table is vacuumed (migration
    // figure_refresh_in_place: only changed rows are rewritten, autovacuum after ~1 %).
    console.log(`\n=== ${RUNS.sustained} approvals, then the rollup by unit again`);
    const vacuums = async () =>
      Number((await client.query(`SELECT autovacuum_count + vacuum_count AS n FROM pg_stat_user_tables WHERE relname = 'ProjectPeriodFigure'`)).rows[0].n);
    const vacuumsBefore = await vacuums();
    const approvalTimes: number[] = [];
    for (let i = 0; i < RUNS.sustained && submitted.length > 0; i++) approvalTimes.push(await timed(approve));
    // Autovacuum may already have run during the approvals (every 1,000 changed rows): counted, and the
    // wait below is for one after them.
    const vacuumsAfterApprovals = await vacuums();
    const sqlRuns = async () => {
      const out: number[] = [];
      for (let i = 0; i < 40; i++) out.push(await timed(() => client.query(statements.unit.text, statements.unit.values)));
      return stats(out);
    };
    const sustained = {
      approvals: approvalTimes.length,
      approval: stats(approvalTimes),
      vacuumsDuring: vacuumsAfterApprovals - vacuumsBefore,
      sqlAfter: await sqlRuns(),
      vacuumedAfterS: NaN,
      sqlVacuumed: stats([]),
    };
    const waitFrom = Date.now();
    while (Date.now() - waitFrom < 150_000 && (await vacuums()) === vacuumsAfterApprovals) await new Promise((r) => setTimeout(r, 2000));
    if ((await vacuums()) > vacuumsAfterApprovals) {
      sustained.vacuumedAfterS = (Date.now() - waitFrom) / 1000;
      sustained.sqlVacuumed = await sqlRuns();
    }
    console.log(JSON.stringify(sustained));

    console.log("\n=== first visit in Chromium (sign in, then the dashboard)");
    await drain();
    const NO_VISIT = { requests: NaN, bytes: NaN, fonts: NaN, fontBytes: NaN, domContentLoaded: NaN, usable: NaN };
    const visit = await firstVisit(base, `/finance/${planId}?period=${BENCH.period}`, "bench-finance", benchPassword).catch((e: Error) => {
      console.log(`first visit FAILED: ${e.message.split("\n")[0]}`);
      return { login: NO_VISIT, afterSignIn: NO_VISIT, dashboard: NO_VISIT };
    });
    console.log(JSON.stringify(visit));

    const ratio = (by: "unit" | "category", kind: "apiCold" | "apiWarm") => results[by][kind].p95 / results[by].sql.p95;
    const coldP95 = Math.max(results.unit.apiCold.p95, results.category.apiCold.p95);
    const warmP95 = Math.max(results.unit.apiWarm.p95, results.category.apiWarm.p95);
    const coldRatio = Math.max(ratio("unit", "apiCold"), ratio("category", "apiCold"));
    const dashToFloor = load.dashboard.stats.p95 / load.floor.stats.p95;
    const ms = (v: number) => v.toFixed(1);
    const lines = [
      "",
      `=== results (ms; ${BENCH.projects} projects, ${BENCH.reports} reports ${BENCH.firstPeriod} … ${BENCH.period}, ${BENCH.units} units × ${BENCH.sections} categories, period ${BENCH.period})`,
      "",
      "| rollup | p50 | p95 | p95 ÷ SQL p95 |",
      "|---|---:|---:|---:|",
      ...(["unit", "category"] as const).flatMap((by) => [
        `| by ${by}: SQL run directly (pg) | ${fmt(results[by].sql.p50)} | ${fmt(results[by].sql.p95)} | 1.00 |`,
        `| by ${by}: SQL run directly, a report approved before each run | ${fmt(results[by].sqlAfterApproval.p50)} | ${fmt(results[by].sqlAfterApproval.p95)} | ${(results[by].sqlAfterApproval.p95 / results[by].sql.p95).toFixed(2)} |`,
        `| by ${by}: API, cold (a report approved before each request) | ${fmt(results[by].apiCold.p50)} | ${fmt(results[by].apiCold.p95)} | ${ratio(by, "apiCold").toFixed(2)} |`,
        `| by ${by}: API, warm (nothing changed: cached) | ${fmt(results[by].apiWarm.p50)} | ${fmt(results[by].apiWarm.p95)} | ${ratio(by, "apiWarm").toFixed(2)} |`,
      ]),
      "",
      `| under ${LOAD.connections} concurrent clients | requests | non-2xx | req/s | p50 | p95 | p95 ÷ bare route |`,
      "|---|---:|---:|---:|---:|---:|---:|",
      ...[
        ...ROUTES.map((r) => [r.key, r.label] as const),
        ["dashboardApprovals", "dashboard, a report approved every 500 ms meanwhile"] as const,
        ["dashboardUnkept", "dashboard, nothing kept (KEPT_PAGES_MB=0: every view rendered)"] as const,
      ].map(([key, label]) => {
        const l = load[key];
        return `| ${label} | ${l.stats.n} | ${l.non2xx} | ${l.rps.toFixed(0)} | ${fmt(l.stats.p50)} | ${fmt(l.stats.p95)} | ${(l.stats.p95 / load.floor.stats.p95).toFixed(2)} |`;
      }),
      `| dashboard, one request after an approval (cold, no load) | 1 | | | ${fmt(dashCold)} | | |`,
      "",
      `| a reporting week | n | p50 | p95 | p95 ÷ SQL p95 at the start |`,
      "|---|---:|---:|---:|---:|",
      `| an approval (status, official revision, running figures at commit) | ${sustained.approvals} | ${fmt(sustained.approval.p50)} | ${fmt(sustained.approval.p95)} | |`,
      `| by unit: SQL run directly, right after those ${sustained.approvals} approvals (autovacuum ran ${sustained.vacuumsDuring} × during them) | 40 | ${fmt(sustained.sqlAfter.p50)} | ${fmt(sustained.sqlAfter.p95)} | ${(sustained.sqlAfter.p95 / results.unit.sql.p95).toFixed(2)} |`,
      Number.isNaN(sustained.vacuumedAfterS)
        ? `| by unit: SQL run directly, once autovacuum has run after them | | no autovacuum within 150 s | | |`
        : `| by unit: SQL run directly, once autovacuum has run after them (${sustained.vacuumedAfterS.toFixed(0)} s later) | 40 | ${fmt(sustained.sqlVacuumed.p50)} | ${fmt(sustained.sqlVacuumed.p95)} | ${(sustained.sqlVacuumed.p95 / results.unit.sql.p95).toFixed(2)} |`,
      "",
      `| one request, no load (Server-Timing; mean of ${RUNS.timing} unless said) | session decode | user lookup | data | rest of server (render) | body sent | total |`,
      "|---|---:|---:|---:|---:|---:|---:|",
      ...[
        ...(["unit", "category"] as const).map(
          (by) => [`cold-${by}`, `rollup API by ${by}, cold (mean of ${runs.apiCold}; data: the operation, its statement included)`] as const,
        ),
        ...ROUTES.map((r) => [r.key, r.label] as const),
      ].map(([key, label]) => {
        const b = breakdown[key];
        return `| ${label} | ${fmt(b.session)} | ${fmt(b.user)} | ${fmt(b.data)} | ${fmt(b.rest)} | ${fmt(b.body)} | ${fmt(b.total)} |`;
      }),
      "",
      `| first visit (Chromium, loopback) | requests | transferred | fonts | DOMContentLoaded | usable (first table visible) |`,
      "|---|---:|---:|---:|---:|---:|",
      `| signing in → dashboard (cache from the sign-in page; usable = click to first table) | ${visit.afterSignIn.requests} | ${(visit.afterSignIn.bytes / 1024).toFixed(0)} KB | ${visit.afterSignIn.fonts} (${(visit.afterSignIn.fontBytes / 1024).toFixed(0)} KB) | | ${ms(visit.afterSignIn.usable)} |`,
      `| sign-in page | ${visit.login.requests} | ${(visit.login.bytes / 1024).toFixed(0)} KB | ${visit.login.fonts} (${(visit.login.fontBytes / 1024).toFixed(0)} KB) | ${ms(visit.login.domContentLoaded)} | |`,
      `| dashboard, empty cache, signed in | ${visit.dashboard.requests} | ${(visit.dashboard.bytes / 1024).toFixed(0)} KB | ${visit.dashboard.fonts} (${(visit.dashboard.fontBytes / 1024).toFixed(0)} KB) | ${ms(visit.dashboard.domContentLoaded)} | ${ms(visit.dashboard.usable)} |`,
      "",
      "targets:",
      `  rollup API cold p95 (unit / category): ${ms(results.unit.apiCold.p95)} / ${ms(results.category.apiCold.p95)} ms ≤ ${TARGETS.apiColdP95} → ${met(coldP95 <= TARGETS.apiColdP95)}; ÷ own SQL ${ratio("unit", "apiCold").toFixed(2)} / ${ratio("category", "apiCold").toFixed(2)} ≤ ${TARGETS.apiColdRatio} → ${met(coldRatio <= TARGETS.apiColdRatio)}`,
      `  rollup API warm p95 (unit / category): ${ms(results.unit.apiWarm.p95)} / ${ms(results.category.apiWarm.p95)} ms ≤ ${TARGETS.apiWarmP95} → ${met(warmP95 <= TARGETS.apiWarmP95)}`,
      `  dashboard p95 under load ÷ bare authenticated route p95: ${ms(load.dashboard.stats.p95)} / ${ms(load.floor.stats.p95)} = ${dashToFloor.toFixed(2)} ≤ ${TARGETS.dashboardToFloor} → ${met(dashToFloor <= TARGETS.dashboardToFloor)}`,
      `  first visit to the dashboard: ${(visit.dashboard.bytes / 1024 / 1024).toFixed(2)} MB ≤ 1.5 → ${met(visit.dashboard.bytes <= TARGETS.firstVisitBytes)}; usable ${ms(visit.dashboard.usable)} ms ≤ ${TARGETS.firstVisitMs} → ${met(visit.dashboard.usable <= TARGETS.firstVisitMs)}`,
      `machine: ${process.platform} ${process.arch}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? "?"}), load average ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")}; node ${process.version}; total ${((Date.now() - started) / 1000).toFixed(0)} s`,
    ];
    console.log(lines.join("\n"));
    fs.writeFileSync(
      path.join(ROOT, "bench-results", "bench.json"),
      JSON.stringify(
        { at: new Date().toISOString(), bench: BENCH, results, dashboardCold: dashCold, breakdown, load, sustained, firstVisit: visit, targets: TARGETS },
        null,
        2,
      ),
    );
  } finally {
    for (const server of servers) await server.stop();
    await client.end().catch(() => undefined);
    await db.stop();
  }
}

// A first visit in Chromium (playwright's, on the system's /usr/bin/chromium), empty cache: the sign-in
// page, signing in straight to the dashboard (its callbackUrl), and the dashboard loaded once more in a
// fresh context with only the session cookie (nothing cached: the worst first visit). Counted from the
// DevTools protocol: every finished request and its bytes on the wire; fonts by resource type.
// Usable = the first table of the page visible (the figures are tables; the charts load after).
type Visit = { requests: number; bytes: number; fonts: number; fontBytes: number; domContentLoaded: number; usable: number };
async function firstVisit(base: string, dashboardPath: string, username: string, password: string) {
  const { chromium } = await import("@playwright/test");
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" });
  try {
    const watch = async (context: BrowserContext) => {
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send("Network.enable");
      const types = new Map<string, string>();
      const n = { requests: 0, bytes: 0, fonts: 0, fontBytes: 0 };
      cdp.on("Network.responseReceived", (e) => types.set(e.requestId, e.type));
      cdp.on("Network.loadingFinished", (e) => {
        n.requests++;
        n.bytes += e.encodedDataLength;
        if (types.get(e.requestId) === "Font") {
          n.fonts++;
          n.fontBytes += e.encodedDataLength;
        }
      });
      const take = () => {
        const r = { ...n };
        Object.assign(n, { requests: 0, bytes: 0, fonts: 0, fontBytes: 0 });
        return r;
      };
      return { page, take };
    };
    const navTiming = (page: Page) =>
      page.evaluate(() => (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming).domContentLoadedEventEnd);

    const signIn = await browser.newContext();
    const a = await watch(signIn);
    await a.page.goto(`${base}/login?callbackUrl=${encodeURIComponent(dashboardPath)}`);
    await a.page.waitForLoadState("networkidle");
    const login: Visit = { ...a.take(), domContentLoaded: await navTiming(a.page), usable: 0 };
    await a.page.getByLabel("用户名").fill(username);
    await a.page.getByLabel("密码").fill(password);
    const clicked = performance.now();
    await a.page.getByRole("button", { name: "登录" }).click();
    await a.page.locator("table").first().waitFor({ state: "visible" });
    const afterSignInUsable = performance.now() - clicked;
    await a.page.waitForLoadState("networkidle");
    const afterSignIn: Visit = { ...a.take(), domContentLoaded: NaN, usable: afterSignInUsable };

    const fresh = await browser.newContext();
    await fresh.addCookies((await signIn.cookies()).filter((c) => c.name.includes("session-token")));
    const b = await watch(fresh);
    await b.page.goto(`${base}${dashboardPath}`, { waitUntil: "commit" });
    await b.page.locator("table").first().waitFor({ state: "visible" });
    const usable = await b.page.evaluate(() => performance.now());
    await b.page.waitForLoadState("networkidle");
    const dashboard: Visit = { ...b.take(), domContentLoaded: await navTiming(b.page), usable };
    return { login, afterSignIn, dashboard };
  } finally {
    await browser.close();
  }
}

main().catch((e) => {
  console.error(`\nbench FAILED: ${e instanceof Error ? (e.stack ?? e.message) : e}`);
  process.exitCode = 1;
});
