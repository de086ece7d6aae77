-- The figure refresh (migrations project_period_figures … figure_group_keys) deleted and re-inserted
-- every row of a touched project: one approval of the latest period left a dead row and a new index
-- entry for each of the project's periods (~12 in the bench), although only the rows from the approved
-- period on change. Dead rows and pages no longer all-visible make the rollups' index-only scans fetch
-- from the heap, and after enough approvals the planner leaves them: the bench's rollup statement took
-- 2× as long after ~2,300 approvals until the table was vacuumed.
--
-- Now one statement writes only the difference: rows whose figures or keys changed are updated, rows
-- of periods that no longer have a counted report are deleted, new periods are inserted; an unchanged
-- row is not touched. The three parts touch disjoint keys (updated: in both; deleted: only in the
-- table; inserted: only in the new figures), so the order in which PostgreSQL runs them does not matter.
CREATE OR REPLACE FUNCTION "refresh_project_figures"(ids integer[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  lines integer[];
BEGIN
  IF ids IS NULL OR cardinality(ids) = 0 THEN RETURN; END IF;
  WITH RECURSIVE d(id) AS (
    SELECT DISTINCT x FROM unnest(ids) x WHERE x IS NOT NULL
    UNION
    SELECT s.id FROM "Project" s JOIN d ON s."predecessorId" = d.id
  )
  SELECT array_agg(d.id ORDER BY d.id) INTO lines FROM d;
  IF lines IS NULL THEN RETURN; END IF;
  WITH RECURSIVE members(line, member) AS (
    SELECT l, l FROM unnest(lines) l
    UNION ALL
    SELECT m.line, q."predecessorId" FROM members m JOIN "Project" q ON q.id = m.member WHERE q."predecessorId" IS NOT NULL
  ),
  counted AS (
    SELECT m.line, r.period, r.year, r."completedAmount" AS wan,
      CASE WHEN r."fundsCentral" IS NULL AND r."fundsProvincial" IS NULL AND r."fundsLocal" IS NULL AND r."fundsSpecialBond" IS NULL AND r."fundsSelf" IS NULL THEN NULL
        ELSE COALESCE(r."fundsCentral", 0) + COALESCE(r."fundsProvincial", 0) + COALESCE(r."fundsLocal", 0) + COALESCE(r."fundsSpecialBond", 0) + COALESCE(r."fundsSelf", 0) END AS funds,
      r."isOfficial" AS approved,
      (r."isCurrent" AND r.status = 'SUBMITTED') OR (r."isOfficial" AND NOT EXISTS (
        SELECT 1 FROM "ProgressReport" s WHERE s."projectId" = r."projectId" AND s.period = r.period AND s."isCurrent" AND s.status = 'SUBMITTED')) AS with_submitted
    FROM members m JOIN "ProgressReport" r ON r."projectId" = m.member
    WHERE r."isOfficial" OR (r."isCurrent" AND r.status = 'SUBMITTED')
  ),
  per AS (
    SELECT line, period, min(year) AS year,
      sum(wan) FILTER (WHERE approved) AS a_wan, sum(funds) FILTER (WHERE approved) AS a_funds,
      sum(wan) FILTER (WHERE with_submitted) AS s_wan, sum(funds) FILTER (WHERE with_submitted) AS s_funds
    FROM counted GROUP BY line, period
  ),
  running AS (
    SELECT line, period, year,
      a_wan, sum(a_wan) OVER by_year AS a_year, sum(a_wan) OVER by_line AS a_cum, sum(a_funds) OVER by_year AS a_funds,
      s_wan, sum(s_wan) OVER by_year AS s_year, sum(s_wan) OVER by_line AS s_cum, sum(s_funds) OVER by_year AS s_funds,
      lead(period) OVER by_line AS until
    FROM per
    WINDOW by_line AS (PARTITION BY line ORDER BY period), by_year AS (PARTITION BY line, year ORDER BY period)
  ),
  -- Cast to the columns' types, so that comparing with the stored row compares like with like.
  fresh AS (
    SELECT r.line AS "projectId", r.period, r.year,
      r.a_wan::numeric(24, 4) AS "periodWan", r.a_year::numeric(24, 4) AS "yearWan", r.a_cum::numeric(24, 4) AS "cumulativeWan", r.a_funds::numeric(24, 4) AS "yearFundsWan",
      r.s_wan::numeric(24, 4) AS "withSubmittedPeriodWan", r.s_year::numeric(24, 4) AS "withSubmittedYearWan", r.s_cum::numeric(24, 4) AS "withSubmittedCumulativeWan",
      r.s_funds::numeric(24, 4) AS "withSubmittedYearFundsWan", r.until AS "untilPeriod",
      k."planId", k."unitId", k."sectionId", k."startYear", k.status, k."moneyLine", k."endPeriod", k."totalKnown"
    FROM running r JOIN "Project" p ON p.id = r.line, "figure_keys_of"(p) k
  ),
  removed AS (
    DELETE FROM "ProjectPeriodFigure" f WHERE f."projectId" = ANY (lines)
      AND NOT EXISTS (SELECT 1 FROM fresh n WHERE n."projectId" = f."projectId" AND n.period = f.period)
  ),
  added AS (
    INSERT INTO "ProjectPeriodFigure" ("projectId", period, year,
        "periodWan", "yearWan", "cumulativeWan", "yearFundsWan",
        "withSubmittedPeriodWan", "withSubmittedYearWan", "withSubmittedCumulativeWan", "withSubmittedYearFundsWan", "untilPeriod",
        "planId", "unitId", "sectionId", "startYear", status, "moneyLine", "endPeriod", "totalKnown")
    SELECT n."projectId", n.period, n.year, n."periodWan", n."yearWan", n."cumulativeWan", n."yearFundsWan",
      n."withSubmittedPeriodWan", n."withSubmittedYearWan", n."withSubmittedCumulativeWan", n."withSubmittedYearFundsWan", n."untilPeriod",
      n."planId", n."unitId", n."sectionId", n."startYear", n.status, n."moneyLine", n."endPeriod", n."totalKnown"
    FROM fresh n
    WHERE NOT EXISTS (SELECT 1 FROM "ProjectPeriodFigure" f WHERE f."projectId" = n."projectId" AND f.period = n.period)
  )
  UPDATE "ProjectPeriodFigure" f SET
    year = n.year, "periodWan" = n."periodWan", "yearWan" = n."yearWan", "cumulativeWan" = n."cumulativeWan", "yearFundsWan" = n."yearFundsWan",
    "withSubmittedPeriodWan" = n."withSubmittedPeriodWan", "withSubmittedYearWan" = n."withSubmittedYearWan",
    "withSubmittedCumulativeWan" = n."withSubmittedCumulativeWan", "withSubmittedYearFundsWan" = n."withSubmittedYearFundsWan", "untilPeriod" = n."untilPeriod",
    "planId" = n."planId", "unitId" = n."unitId", "sectionId" = n."sectionId", "startYear" = n."startYear", status = n.status,
    "moneyLine" = n."moneyLine", "endPeriod" = n."endPeriod", "totalKnown" = n."totalKnown"
  FROM fresh n
  WHERE f."projectId" = n."projectId" AND f.period = n.period
    AND (f.year, f."periodWan", f."yearWan", f."cumulativeWan", f."yearFundsWan", f."withSubmittedPeriodWan", f."withSubmittedYearWan",
         f."withSubmittedCumulativeWan", f."withSubmittedYearFundsWan", f."untilPeriod", f."planId", f."unitId", f."sectionId", f."startYear",
         f.status, f."moneyLine", f."endPeriod", f."totalKnown")
      IS DISTINCT FROM
        (n.year, n."periodWan", n."yearWan", n."cumulativeWan", n."yearFundsWan", n."withSubmittedPeriodWan", n."withSubmittedYearWan",
         n."withSubmittedCumulativeWan", n."withSubmittedYearFundsWan", n."untilPeriod", n."planId", n."unitId", n."sectionId", n."startYear",
         n.status, n."moneyLine", n."endPeriod", n."totalKnown");
END $$;

-- Keep the table vacuumed while approvals come in: by default autovacuum waits for 20 % of the rows
-- to change (for 20,000 projects × 5 years of months, ~240,000 rows; five times that for a province),
-- and until then every changed page costs the rollups' index-only scans heap fetches (the bench: the
-- statement 1.35× slower after 1,500 approvals no vacuum followed). Vacuum now follows every 1,000 changed or inserted
-- rows whatever the table's size (within autovacuum_naptime, 1 minute by default). It is cheap: the
-- visibility map lets it skip the pages that stayed all-visible (the updates are never HOT, every
-- figure being in a covering index, so it does pass over the indexes): on the bench's table, 240,000
-- rows and 106 MB with its indexes, a vacuum after ~1,100 changed rows took 0.16 s. Analyze after 2 %
-- changes keeps the planner's row counts for a period close.
ALTER TABLE "ProjectPeriodFigure" SET (
  autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 1000,
  autovacuum_vacuum_insert_scale_factor = 0, autovacuum_vacuum_insert_threshold = 1000,
  autovacuum_analyze_scale_factor = 0.02
);
