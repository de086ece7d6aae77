-- Running figures found by a range instead of a per-project search (issue #17): each row records the
-- period of its project's next row, so "the latest row at or before P" is the row with
-- period <= P < untilPeriod (or untilPeriod null), read for every project at once through one index
-- instead of one index search per project.

-- AlterTable
ALTER TABLE "ProjectPeriodFigure" ADD COLUMN     "untilPeriod" TEXT;

-- CreateIndex
CREATE INDEX "ProjectPeriodFigure_untilPeriod_period_idx" ON "ProjectPeriodFigure"("untilPeriod", "period");


-- The refresh (migration project_figures_at_commit) now writes untilPeriod as well.
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
      "withSubmittedPeriodWan", "withSubmittedYearWan", "withSubmittedCumulativeWan", "withSubmittedYearFundsWan", "untilPeriod")
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
    s_wan, sum(s_wan) OVER by_year, sum(s_wan) OVER by_line, sum(s_funds) OVER by_year,
    lead(period) OVER by_line
  FROM per
  WINDOW by_line AS (PARTITION BY line ORDER BY period), by_year AS (PARTITION BY line, year ORDER BY period);
END $$;

-- Backfill.
UPDATE "ProjectPeriodFigure" f SET "untilPeriod" = n.next
FROM (SELECT "projectId", period, lead(period) OVER (PARTITION BY "projectId" ORDER BY period) AS next FROM "ProjectPeriodFigure") n
WHERE n."projectId" = f."projectId" AND n.period = f.period AND n.next IS NOT NULL;
