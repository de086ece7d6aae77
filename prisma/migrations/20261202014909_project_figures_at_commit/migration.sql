-- Running figures (issue #17), refreshed at commit instead of after each statement. The statement
-- triggers only note which projects changed (a transaction-local list); the refresh runs once per
-- transaction in the deferred rollup-stamp trigger, right after the stamp row is locked. Every
-- transaction that changes reports or carry-over links bumps that row, so they take turns on it at
-- commit: a refresh then reads everything committed before it (READ COMMITTED) and no two
-- transactions rewrite one project's rows at once — without per-project locks held mid-transaction
-- (approvals of one project's periods no longer wait for each other's whole transaction), and
-- without a lock order that could deadlock against the stamp row.

-- Recomputes the rows of the given projects and of every project whose lineage includes them.
-- The caller serialises (rollup_stamp_bump, holding the stamp row).
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
  DELETE FROM "ProjectPeriodFigure" f WHERE f."projectId" = ANY (lines);
  INSERT INTO "ProjectPeriodFigure" ("projectId", period, year,
      "periodWan", "yearWan", "cumulativeWan", "yearFundsWan",
      "withSubmittedPeriodWan", "withSubmittedYearWan", "withSubmittedCumulativeWan", "withSubmittedYearFundsWan")
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
  )
  SELECT line, period, year,
    a_wan, sum(a_wan) OVER by_year, sum(a_wan) OVER by_line, sum(a_funds) OVER by_year,
    s_wan, sum(s_wan) OVER by_year, sum(s_wan) OVER by_line, sum(s_funds) OVER by_year
  FROM per
  WINDOW by_line AS (PARTITION BY line ORDER BY period), by_year AS (PARTITION BY line, year ORDER BY period);
END $$;

-- Notes projects whose figures must be recomputed at commit (transaction-local).
CREATE FUNCTION "project_figures_note"(ids integer[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF ids IS NULL OR cardinality(ids) = 0 THEN RETURN; END IF;
  PERFORM set_config('ledger.figures_dirty', concat_ws(',', NULLIF(current_setting('ledger.figures_dirty', true), ''), array_to_string(ids, ',')), true);
END $$;

CREATE OR REPLACE FUNCTION "project_figures_reports_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE ids integer[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(DISTINCT n."projectId") INTO ids FROM new_rows n WHERE n."isOfficial" OR (n."isCurrent" AND n.status = 'SUBMITTED');
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(DISTINCT o."projectId") INTO ids FROM old_rows o WHERE o."isOfficial" OR (o."isCurrent" AND o.status = 'SUBMITTED');
  ELSE
    SELECT array_agg(DISTINCT x) INTO ids FROM (
      SELECT unnest(ARRAY[o."projectId", n."projectId"]) AS x
      FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE (o."isOfficial" OR (o."isCurrent" AND o.status = 'SUBMITTED') OR n."isOfficial" OR (n."isCurrent" AND n.status = 'SUBMITTED'))
        AND (o."projectId", o.period, o.year, o."isCurrent", o."isOfficial", o.status, o."completedAmount",
             o."fundsCentral", o."fundsProvincial", o."fundsLocal", o."fundsSpecialBond", o."fundsSelf")
          IS DISTINCT FROM (n."projectId", n.period, n.year, n."isCurrent", n."isOfficial", n.status, n."completedAmount",
             n."fundsCentral", n."fundsProvincial", n."fundsLocal", n."fundsSpecialBond", n."fundsSelf")
    ) t;
  END IF;
  PERFORM "project_figures_note"(ids);
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION "project_figures_lineage_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE ids integer[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(n.id) INTO ids FROM new_rows n WHERE n."predecessorId" IS NOT NULL;
  ELSE
    SELECT array_agg(n.id) INTO ids FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE o."predecessorId" IS DISTINCT FROM n."predecessorId";
  END IF;
  PERFORM "project_figures_note"(ids);
  RETURN NULL;
END $$;

-- The stamp bump (migration rollup_stamp), then the noted refresh while the stamp row is held. Every
-- table whose writes note projects (ProgressReport, Project) fires this trigger at commit.
CREATE OR REPLACE FUNCTION "rollup_stamp_bump"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE dirty text;
BEGIN
  IF current_setting('ledger.rollup_stamped', true) IS DISTINCT FROM 'on' THEN
    INSERT INTO "RollupStamp" ("id", "version") VALUES (1, nextval('rollup_stamp_seq'))
      ON CONFLICT ("id") DO UPDATE SET "version" = EXCLUDED."version";
    PERFORM set_config('ledger.rollup_stamped', 'on', true);
  END IF;
  dirty := NULLIF(current_setting('ledger.figures_dirty', true), '');
  IF dirty IS NOT NULL THEN
    PERFORM set_config('ledger.figures_dirty', '', true);
    PERFORM "refresh_project_figures"(string_to_array(dirty, ',')::integer[]);
  END IF;
  RETURN NULL;
END $$;
