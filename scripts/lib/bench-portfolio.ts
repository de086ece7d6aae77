// The synthetic portfolio `npm run bench` measures: one provincial-scale plan holding every project,
// so each rollup aggregates the whole portfolio (the worst case for one request).
//   20,000 projects (600 bundles of 3 sub-projects, 1,000 programmes, 3 % of totals unknown),
//   24 reporting units × 8 categories, build periods 2019–2030,
//   240,000 monthly reports spread over the plan's years 2021-01 … 2025-12 (13 or 14 per reporting
//   line — sub-projects file none —, months spread evenly over the 60; up to 2025-10 approved,
//   Nov/Dec a mix of approved, submitted and draft), annual plans for 2021 … 2025, 开工/竣工 milestones.
// Generated in SQL (generate_series, fixed random seed), so it is the same on every run.
// `npm run bench -- --scale 0.1` builds a tenth of it (2,000 projects, 24,000 reports) while developing.
import type pg from "pg";

const scaleArg = process.argv.indexOf("--scale");
const SCALE = scaleArg > 0 ? Number(process.argv[scaleArg + 1]) : 1;
if (!(SCALE > 0 && SCALE <= 1)) throw new Error("--scale takes a number in (0, 1]");
const scaled = (n: number) => Math.round(n * SCALE);

export const BENCH = {
  projects: scaled(20_000),
  reports: scaled(240_000),
  units: 24,
  sections: 8,
  bundles: scaled(600),
  childrenPerBundle: 3,
  programmes: scaled(1_000),
  period: "2025-12",
  firstPeriod: "2021-01",
};

export async function buildPortfolio(client: pg.Client): Promise<{ planId: number }> {
  const { units, sections, bundles, childrenPerBundle, programmes, projects } = BENCH;
  const children = bundles * childrenPerBundle;
  const q = (sql: string, values: unknown[] = []) => client.query(sql, values);
  await q("BEGIN");
  await q("SELECT setseed(0.42)");
  const region = await q(`INSERT INTO "Region" (name, level) VALUES ('基准省', 'PROVINCE') RETURNING id`);
  const plan = await q(
    `INSERT INTO "Plan" (key, title, level, "regionId", "periodStart", "periodEnd", "sourceFile", "reportingCycle", "updatedAt")
     VALUES ('bench', '基准测试规划（合成数据）', 'PROVINCE', $1, 2021, 2025, 'synthetic', 'MONTHLY', now()) RETURNING id`,
    [region.rows[0].id],
  );
  const planId: number = plan.rows[0].id;
  await q(`INSERT INTO "ReportingUnit" ("planId", name, "sortOrder") SELECT $1, '单位' || lpad(i::text, 3, '0'), i FROM generate_series(1, ${units}) i`, [
    planId,
  ]);
  await q(
    `INSERT INTO "Section" ("planId", key, kind, title, locator, "sortOrder")
     SELECT $1, 'c' || i, 'CATEGORY', (ARRAY['医院','公卫机构','基层医疗','中医药','妇幼','疾控','信息化','其它'])[i], 'synthetic', i FROM generate_series(1, ${sections}) i`,
    [planId],
  );
  // Top-level rows first (ordinary projects, bundle parents, programmes), then the sub-projects.
  const top = projects - children;
  await q(
    `WITH u AS (SELECT array_agg(id ORDER BY "sortOrder") ids FROM "ReportingUnit" WHERE "planId" = $1),
          s AS (SELECT array_agg(id ORDER BY "sortOrder") ids FROM "Section" WHERE "planId" = $1)
     INSERT INTO "Project" ("planId", "sectionId", "unitId", key, kind, name, "startYear", "endYear", "totalInvestment", status, "sourceFile", "sourceLocator", "sourceText", "sortOrder", "updatedAt")
     SELECT $1, s.ids[1 + (i % ${sections})], u.ids[1 + ((i * 7) % ${units})], 'b' || i,
       CASE WHEN i > ${top - programmes} THEN 'PROGRAMME' ELSE 'PROJECT' END::"ProjectKind",
       '合成项目 ' || i, sy, sy + 1 + (i % 5),
       CASE WHEN i % 33 = 0 AND i <= ${top - programmes} THEN NULL ELSE round((500 + random() * 50000)::numeric, 4) END,
       (ARRAY['PREPARATION','CONSTRUCTION','CONSTRUCTION','COMPLETED','IN_USE'])[1 + (i % 5)]::"ProjectStatus",
       'synthetic', 'row ' || i, 'synthetic', i, now()
     FROM generate_series(1, ${top}) i, u, s, LATERAL (SELECT 2019 + (i % 7) AS sy) y`,
    [planId],
  );
  // Bundle parents: the first `bundles` ordinary projects; their sub-projects carry no money.
  await q(
    `INSERT INTO "Project" ("planId", "sectionId", "unitId", "parentId", key, kind, name, "startYear", "endYear", "totalInvestment", status, "sourceFile", "sourceLocator", "sourceText", "sortOrder", "updatedAt")
     SELECT p."planId", p."sectionId", p."unitId", p.id, p.key || '-' || c, 'PROJECT', p.name || ' 子项目' || c, p."startYear", p."endYear", NULL, p.status,
       'synthetic', p."sourceLocator", 'synthetic', p."sortOrder", now()
     FROM "Project" p, generate_series(1, ${childrenPerBundle}) c
     WHERE p."planId" = $1 AND p.key IN (SELECT 'b' || i FROM generate_series(1, ${bundles}) i)`,
    [planId],
  );
  await q(
    `INSERT INTO "AnnualPlanAmount" ("projectId", year, amount, "approvedAt", "updatedAt")
     SELECT p.id, y, round(p."totalInvestment" / 4, 4), now(), now()
     FROM "Project" p, generate_series(2021, 2025) y
     WHERE p."planId" = $1 AND p."parentId" IS NULL AND p."totalInvestment" IS NOT NULL AND y BETWEEN p."startYear" AND p."endYear"`,
    [planId],
  );
  // The reports, spread over 2021-01 … 2025-12: every reporting line (standalone projects and bundle
  // lines: sub-projects file none, and the database refuses them) files `per` reports, the first
  // `extra` lines one more, in months spread evenly over the 60 and shifted per line.
  const lines = projects - children;
  const per = Math.floor(BENCH.reports / lines);
  const extra = BENCH.reports - per * lines;
  await q(
    `INSERT INTO "ProgressReport" ("projectId", period, year, revision, "isCurrent", "isOfficial", status, "completedAmount",
        "fundsCentral", "fundsLocal", "fundsSelf", "progressPercent", "updatedAt")
     SELECT l.id, mo.period, mo.year, 1, true, st = 'APPROVED', st::"ReportStatus",
       round((random() * 900)::numeric, 4), round((random() * 300)::numeric, 4), round((random() * 200)::numeric, 4),
       CASE WHEN random() < 0.5 THEN NULL ELSE round((random() * 100)::numeric, 4) END, least(100, (mo.idx % 12 + 1) * 8), now()
     FROM (SELECT p.id, row_number() OVER (ORDER BY p.id) AS n FROM "Project" p WHERE p."planId" = $1 AND p."parentId" IS NULL) l,
       LATERAL (SELECT ${per} + CASE WHEN l.n <= ${extra} THEN 1 ELSE 0 END AS k) c,
       LATERAL (SELECT DISTINCT ((l.n + j * 60 / c.k) % 60)::int AS idx FROM generate_series(0, c.k - 1) j) m,
       LATERAL (SELECT (2021 + m.idx / 12) || '-' || lpad((m.idx % 12 + 1)::text, 2, '0') AS period, 2021 + m.idx / 12 AS year, m.idx) mo,
       LATERAL (SELECT CASE WHEN mo.period <= '2025-10' THEN 'APPROVED'
                            WHEN mo.period = '2025-11' THEN (ARRAY['APPROVED','APPROVED','APPROVED','APPROVED','APPROVED','APPROVED','APPROVED','SUBMITTED','SUBMITTED','DRAFT'])[1 + ((l.id + 11) % 10)]
                            ELSE (ARRAY['APPROVED','APPROVED','APPROVED','SUBMITTED','SUBMITTED','SUBMITTED','SUBMITTED','DRAFT','DRAFT','DRAFT'])[1 + ((l.id + 12) % 10)] END AS st) s`,
    [planId],
  );
  await q(
    `INSERT INTO "Milestone" ("projectId", code, name, "sortOrder", "plannedDate", "actualDate", state, "updatedAt")
     SELECT p.id, ms.code, ms.name, ms.ord, make_date(CASE ms.code WHEN 'START' THEN p."startYear" ELSE p."endYear" END, 1 + (p.id % 12), 1),
       CASE WHEN ms.code = 'START' AND p.status <> 'PREPARATION' THEN make_date(p."startYear", 1 + (p.id % 12), 1) + (p.id % 60)
            WHEN ms.code = 'COMPLETE' AND p.status IN ('COMPLETED', 'IN_USE') THEN make_date(p."endYear", 1 + (p.id % 12), 1) + (p.id % 90) - 45 END,
       'PENDING', now()
     FROM "Project" p, (VALUES ('START', '开工', 6), ('COMPLETE', '竣工验收', 8)) ms(code, name, ord)
     WHERE p."planId" = $1 AND p.kind = 'PROJECT' AND p.id NOT IN (SELECT "parentId" FROM "Project" WHERE "parentId" IS NOT NULL)`,
    [planId],
  );
  await q("COMMIT");
  await q("VACUUM ANALYZE");
  return { planId };
}
