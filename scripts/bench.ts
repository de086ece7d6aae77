// `npm run bench`: rollup and dashboard performance on a synthetic portfolio, in its own database
// (ledger_bench; never the app's or the tests' data).
//   1. builds 20,000 projects and 218,400 period reports (scripts/lib/bench-portfolio.ts);
//   2. starts the production server on 127.0.0.1 against that database;
//   3. times GET /api/v1/rollups by unit and by category (API token) and the same SQL run directly
//      with `pg`: cold (the rollup stamp bumped before every request, so every request runs the SQL)
//      and warm (the stamp unchanged, so the cached result is reused);
//   4. loads the finance dashboard with 50 concurrent clients (autocannon, loopback, bounded in
//      requests and time) and reports its latency.
// Prints one table; the raw numbers go to bench-results/bench.json.
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import autocannon from "autocannon";
import { encode } from "next-auth/jwt";
import pg from "pg";
import { buildPortfolio, BENCH } from "./lib/bench-portfolio";
import { buildIfNeeded } from "./lib/build";
import { freePort, waitFor } from "./lib/app-server";
import { ensureDatabase, recreateDatabase, ROOT } from "./lib/database";
import { serveCommand } from "./lib/listen";
import { mustRun, prisma } from "./lib/run";

const RUNS = { sqlCold: 40, apiCold: 40, warm: 200 };
const LOAD = { connections: 50, maxRequests: 5000, durationSeconds: 20 };
const TARGETS = { apiP95: 150, apiRatio: 2, dashboardP95: 300 };

type Stats = { n: number; p50: number; p95: number; mean: number };
function stats(ms: number[]): Stats {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
  return { n: s.length, p50: at(0.5), p95: at(0.95), mean: s.reduce((a, b) => a + b, 0) / s.length };
}
const fmt = (v: number) => v.toFixed(1).padStart(8);

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

async function main() {
  const started = Date.now();
  const db = await ensureDatabase({ purpose: "bench" });
  let server: ChildProcess | undefined;
  const client = new pg.Client({ connectionString: db.url });
  try {
    console.log(`\n=== synthetic portfolio (${BENCH.projects} projects, ${BENCH.reports} reports) in ${new URL(db.url).pathname.slice(1)}`);
    await recreateDatabase(db.url);
    if (!fs.existsSync(path.join(ROOT, "lib/generated/prisma"))) await prisma(["generate"], db.url);
    await prisma(["migrate", "deploy"], db.url);
    await client.connect();
    const t0 = Date.now();
    const { planId } = await buildPortfolio(client);
    const counts = (await client.query(`SELECT (SELECT count(*) FROM "Project")::int AS projects, (SELECT count(*) FROM "ProgressReport")::int AS reports`))
      .rows[0];
    console.log(`built ${counts.projects} projects, ${counts.reports} reports in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    // A reviewer (session cookie for the dashboard) and an admin with an API token.
    const secret = crypto.randomBytes(32).toString("hex");
    const users = await client.query(
      `INSERT INTO "User" (username, "displayName", "passwordHash", role, "updatedAt") VALUES
        ('bench-finance', '基准审核', 'not-used', 'FINANCE_REVIEWER', now()), ('bench-admin', '基准管理员', 'not-used', 'ADMIN', now())
       RETURNING id, role, "sessionVersion"`,
    );
    const reviewer = users.rows.find((u) => u.role === "FINANCE_REVIEWER");
    const admin = users.rows.find((u) => u.role === "ADMIN");
    const token = `plt_${crypto.randomBytes(32).toString("base64url")}`;
    await client.query(`INSERT INTO "ApiToken" ("userId", name, "tokenHash", prefix) VALUES ($1, 'bench', $2, $3)`, [
      admin.id,
      crypto.createHash("sha256").update(token).digest("hex"),
      token.slice(0, 10),
    ]);
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
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    server = spawn(...serveCommand(ROOT), {
      cwd: ROOT,
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...process.env, ...env, HOST: "127.0.0.1", PORT: String(port), NODE_ENV: "production", NEXTAUTH_URL: base, NEXT_TELEMETRY_DISABLED: "1" },
    });
    await waitFor(`${base}/api/health`, 60_000);
    const bump = () => client.query(`UPDATE "RollupStamp" SET version = nextval('rollup_stamp_seq') WHERE id = 1`);
    const api = async (by: string) => {
      const res = await fetch(`${base}/api/v1/rollups?plan=${planId}&by=${by}&period=${BENCH.period}`, { headers: { authorization: `Bearer ${token}` } });
      if (res.status !== 200) throw new Error(`API ${by}: ${res.status} ${await res.text()}`);
      return res.json();
    };

    const results: Record<string, Record<string, Stats>> = {};
    for (const by of ["unit", "category"] as const) {
      const st = statements[by];
      // Warm up the server, the database cache and the plans once.
      await api(by);
      for (let i = 0; i < 3; i++) await client.query(st.text, st.values);
      const sql: number[] = [];
      for (let i = 0; i < RUNS.sqlCold; i++) sql.push(await timed(() => client.query(st.text, st.values)));
      const cold: number[] = [];
      for (let i = 0; i < RUNS.apiCold; i++) {
        await bump();
        cold.push(await timed(() => api(by)));
      }
      await api(by);
      const warm: number[] = [];
      for (let i = 0; i < RUNS.warm; i++) warm.push(await timed(() => api(by)));
      results[by] = { sql: stats(sql), apiCold: stats(cold), apiWarm: stats(warm) };
      // The API returns what the SQL computes: same number of groups and the same total.
      const body = await api(by);
      const direct = await client.query(st.text, st.values);
      if (body.rows.length + 1 !== direct.rows.length) throw new Error(`API rows ${body.rows.length} vs SQL ${direct.rows.length - 1}`);
    }

    console.log(`\n=== dashboard: ${LOAD.connections} concurrent clients (autocannon, at most ${LOAD.maxRequests} requests / ${LOAD.durationSeconds} s)`);
    const dashboardUrl = `${base}/finance/${planId}?period=${BENCH.period}`;
    const cookie = `next-auth.session-token=${session}`;
    // Load the page's code once (another period), then time one request that has to recompute.
    await fetch(`${base}/finance/${planId}?period=2025-11`, { headers: { cookie } }).then((r) => r.text());
    await bump();
    const dashCold = await timed(async () => {
      const res = await fetch(dashboardUrl, { headers: { cookie } });
      if (res.status !== 200 || !(await res.text()).includes("各单位汇总")) throw new Error(`dashboard: ${res.status}`);
    });
    for (let i = 0; i < 20; i++) await fetch(dashboardUrl, { headers: { cookie } }).then((r) => r.text());
    // 50 clients, each sending its next request as soon as the last one is answered.
    const loadTest = async (url: string) => {
      const latencies: number[] = [];
      const run = await new Promise<autocannon.Result>((resolve, reject) => {
        const instance = autocannon(
          { url, connections: LOAD.connections, maxOverallRequests: LOAD.maxRequests, duration: LOAD.durationSeconds, headers: { cookie } },
          (err, result) => (err ? reject(err) : resolve(result)),
        );
        instance.on("response", (_client, status, _bytes, ms) => {
          if (status === 200) latencies.push(ms);
        });
      });
      return { stats: stats(latencies), non2xx: run.non2xx, rps: run.requests.average };
    };
    const dashLoad = await loadTest(dashboardUrl);
    const dash = dashLoad.stats;
    // For scale: the lightest signed-in page (the plan list), same clients, same machine.
    for (let i = 0; i < 20; i++) await fetch(`${base}/plans`, { headers: { cookie } }).then((r) => r.text());
    const floor = await loadTest(`${base}/plans`);
    results.dashboard = { load: dash, plansPageLoad: floor.stats };

    const ratio = (by: "unit" | "category", kind: "apiCold" | "apiWarm") => results[by][kind].p95 / results[by].sql.p95;
    const lines = [
      "",
      `=== results (ms; ${BENCH.projects} projects, ${BENCH.reports} reports, ${BENCH.units} units × ${BENCH.sections} categories, period ${BENCH.period})`,
      "",
      "| measurement | p50 | p95 | p95 ÷ SQL p95 |",
      "|---|---:|---:|---:|",
      ...(["unit", "category"] as const).flatMap((by) => [
        `| rollup by ${by}: SQL run directly (pg) | ${fmt(results[by].sql.p50)} | ${fmt(results[by].sql.p95)} | 1.00 |`,
        `| rollup by ${by}: API, cold (stamp bumped, SQL runs) | ${fmt(results[by].apiCold.p50)} | ${fmt(results[by].apiCold.p95)} | ${ratio(by, "apiCold").toFixed(2)} |`,
        `| rollup by ${by}: API, warm (cached for the stamp) | ${fmt(results[by].apiWarm.p50)} | ${fmt(results[by].apiWarm.p95)} | ${ratio(by, "apiWarm").toFixed(2)} |`,
      ]),
      `| dashboard, one request after a change (cold) | ${fmt(dashCold)} | | |`,
      `| dashboard, ${LOAD.connections} concurrent clients (${dash.n} requests, ${dashLoad.non2xx} non-2xx, ${dashLoad.rps.toFixed(0)} req/s) | ${fmt(dash.p50)} | ${fmt(dash.p95)} | |`,
      `| for scale: plan list page (/plans), same load (${floor.stats.n} requests, ${floor.rps.toFixed(0)} req/s) | ${fmt(floor.stats.p50)} | ${fmt(floor.stats.p95)} | |`,
      "",
      `targets: API p95 ≤ ${TARGETS.apiP95} ms and ≤ ${TARGETS.apiRatio}× SQL; dashboard p95 ≤ ${TARGETS.dashboardP95} ms`,
      `  API warm p95 (unit / category): ${results.unit.apiWarm.p95.toFixed(1)} / ${results.category.apiWarm.p95.toFixed(1)} ms → ${Math.max(results.unit.apiWarm.p95, results.category.apiWarm.p95) <= TARGETS.apiP95 ? "met" : "NOT met"}`,
      `  API cold p95 (unit / category): ${results.unit.apiCold.p95.toFixed(1)} / ${results.category.apiCold.p95.toFixed(1)} ms → ${Math.max(results.unit.apiCold.p95, results.category.apiCold.p95) <= TARGETS.apiP95 ? "met" : "NOT met"}; ratio to SQL ${ratio("unit", "apiCold").toFixed(2)} / ${ratio("category", "apiCold").toFixed(2)} → ${Math.max(ratio("unit", "apiCold"), ratio("category", "apiCold")) <= TARGETS.apiRatio ? "met" : "NOT met"}`,
      `  dashboard p95: ${dash.p95.toFixed(1)} ms → ${dash.p95 <= TARGETS.dashboardP95 ? "met" : "NOT met"}`,
      `machine: ${process.platform} ${process.arch}, ${(await import("node:os")).cpus().length} CPUs (${(await import("node:os")).cpus()[0]?.model ?? "?"}), load average ${(
        await import("node:os")
      )
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")}; node ${process.version}; total ${((Date.now() - started) / 1000).toFixed(0)} s`,
    ];
    console.log(lines.join("\n"));
    fs.writeFileSync(
      path.join(ROOT, "bench-results", "bench.json"),
      JSON.stringify(
        {
          at: new Date().toISOString(),
          bench: BENCH,
          results,
          dashboardCold: dashCold,
          load: { ...LOAD, requests: dash.n, non2xx: dashLoad.non2xx, rps: dashLoad.rps, plansPage: floor },
        },
        null,
        2,
      ),
    );
  } finally {
    if (server && server.exitCode === null) {
      server.kill("SIGTERM");
      await new Promise((r) => server!.once("exit", r));
    }
    await client.end().catch(() => undefined);
    await db.stop();
  }
}

main().catch((e) => {
  console.error(`\nbench FAILED: ${e instanceof Error ? (e.stack ?? e.message) : e}`);
  process.exitCode = 1;
});
