-- The money of a rollup without a join (issue #17): each running-figure row carries its project's
-- rollup keys (plan, unit, section, start year, status, whether it is a reporting line of the
-- portfolio, endPeriod, whether its 总投资 is known), so a rollup for a period sums one index range of
-- one plan per group. The figure refresh writes them; a change to a project's keys refreshes its rows.
ALTER TABLE "ProjectPeriodFigure" ADD COLUMN "endPeriod" TEXT,
ADD COLUMN "moneyLine" BOOLEAN,
ADD COLUMN "planId" INTEGER,
ADD COLUMN "sectionId" INTEGER,
ADD COLUMN "startYear" INTEGER,
ADD COLUMN "status" "ProjectStatus",
ADD COLUMN "totalKnown" BOOLEAN,
ADD COLUMN "unitId" INTEGER;

-- The keys as the rollups define them (lib/server/rollups/counting.ts: isLine, admittedLive).
CREATE FUNCTION "figure_keys_of"(p "Project") RETURNS TABLE ("planId" integer, "unitId" integer, "sectionId" integer, "startYear" integer,
    status "ProjectStatus", "moneyLine" boolean, "endPeriod" text, "totalKnown" boolean)
  LANGUAGE sql STABLE AS $$
  SELECT p."planId", p."unitId", p."sectionId", p."startYear", p.status,
    p.kind = 'PROJECT' AND p."parentId" IS NULL AND p."deletedAt" IS NULL AND p.admission = 'ADMITTED',
    p."endPeriod", p."totalInvestment" IS NOT NULL
$$;

UPDATE "ProjectPeriodFigure" f SET ("planId", "unitId", "sectionId", "startYear", status, "moneyLine", "endPeriod", "totalKnown") =
  (SELECT k.* FROM "Project" p, "figure_keys_of"(p) k WHERE p.id = f."projectId");

ALTER TABLE "ProjectPeriodFigure" ALTER COLUMN "planId" SET NOT NULL, ALTER COLUMN "sectionId" SET NOT NULL,
  ALTER COLUMN status SET NOT NULL, ALTER COLUMN "moneyLine" SET NOT NULL, ALTER COLUMN "totalKnown" SET NOT NULL;

-- Covering: the keys and both views' figures (Prisma's schema sees the key columns only).
CREATE INDEX "ProjectPeriodFigure_planId_untilPeriod_period_idx" ON "ProjectPeriodFigure" ("planId", "untilPeriod", "period")
  INCLUDE ("moneyLine", "endPeriod", "unitId", "sectionId", "startYear", status, "totalKnown", year,
    "yearWan", "cumulativeWan", "yearFundsWan", "withSubmittedYearWan", "withSubmittedCumulativeWan", "withSubmittedYearFundsWan");

-- The trend of a plan's year (本期 per period), covering too.
CREATE INDEX "ProjectPeriodFigure_planId_year_period_idx" ON "ProjectPeriodFigure" ("planId", "year", "period")
  INCLUDE ("moneyLine", "endPeriod", "periodWan", "withSubmittedPeriodWan");

-- A change to a project's keys: its rows are rewritten at commit with the other noted refreshes (the
-- figure refresh below reads the keys then), under the stamp lock like every refresh, never
-- mid-transaction: a concurrent refresh neither waits on rows this transaction locked nor leaves the
-- keys it read before this commit. The statement-level trigger on Project that notes carry-over
-- changes (migration project_figures_at_commit) notes these too.
CREATE OR REPLACE FUNCTION "project_figures_lineage_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE ids integer[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(n.id) INTO ids FROM new_rows n WHERE n."predecessorId" IS NOT NULL;
  ELSE
    SELECT array_agg(n.id) INTO ids FROM old_rows o JOIN new_rows n ON n.id = o.id
    WHERE o."predecessorId" IS DISTINCT FROM n."predecessorId"
      OR (SELECT k FROM "figure_keys_of"(o) k) IS DISTINCT FROM (SELECT k FROM "figure_keys_of"(n) k);
  END IF;
  PERFORM "project_figures_note"(ids);
  RETURN NULL;
END $$;

-- The refresh (migration figure_until_period) writes the keys with the figures.
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
      "withSubmittedPeriodWan", "withSubmittedYearWan", "withSubmittedCumulativeWan", "withSubmittedYearFundsWan", "untilPeriod",
      "planId", "unitId", "sectionId", "startYear", status, "moneyLine", "endPeriod", "totalKnown")
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
  )
  SELECT r.line, r.period, r.year, r.a_wan, r.a_year, r.a_cum, r.a_funds, r.s_wan, r.s_year, r.s_cum, r.s_funds, r.until, k.*
  FROM running r JOIN "Project" p ON p.id = r.line, "figure_keys_of"(p) k;
END $$;

-- RollupStamp.baseVersion: moved by every write the rollups read except to the reports (same trigger
-- function, same row, same commit-time lock as the other versions: migration rollup_facts).
ALTER TABLE "RollupStamp" ADD COLUMN "baseVersion" BIGINT NOT NULL DEFAULT 0;

CREATE OR REPLACE FUNCTION "rollup_stamp_bump"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE dirty text;
BEGIN
  IF current_setting('ledger.rollup_stamped', true) IS DISTINCT FROM 'on' THEN
    INSERT INTO "RollupStamp" ("id", "version") VALUES (1, nextval('rollup_stamp_seq'))
      ON CONFLICT ("id") DO UPDATE SET "version" = EXCLUDED."version";
    PERFORM set_config('ledger.rollup_stamped', 'on', true);
  END IF;
  IF TG_TABLE_NAME IN ('Project', 'Milestone', 'Plan') AND current_setting('ledger.portfolio_stamped', true) IS DISTINCT FROM 'on' THEN
    UPDATE "RollupStamp" SET "portfolioVersion" = nextval('rollup_stamp_seq') WHERE "id" = 1;
    PERFORM set_config('ledger.portfolio_stamped', 'on', true);
  END IF;
  IF TG_TABLE_NAME <> 'ProgressReport' AND current_setting('ledger.base_stamped', true) IS DISTINCT FROM 'on' THEN
    UPDATE "RollupStamp" SET "baseVersion" = nextval('rollup_stamp_seq') WHERE "id" = 1;
    PERFORM set_config('ledger.base_stamped', 'on', true);
  END IF;
  dirty := NULLIF(current_setting('ledger.figures_dirty', true), '');
  IF dirty IS NOT NULL THEN
    PERFORM set_config('ledger.figures_dirty', '', true);
    PERFORM "refresh_project_figures"(string_to_array(dirty, ',')::integer[]);
  END IF;
  RETURN NULL;
END $$;

UPDATE "RollupStamp" SET "baseVersion" = nextval('rollup_stamp_seq') WHERE "id" = 1;
