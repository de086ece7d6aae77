-- CreateTable
CREATE TABLE "ProjectPeriodFigure" (
    "projectId" INTEGER NOT NULL,
    "period" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "periodWan" DECIMAL(24,4),
    "yearWan" DECIMAL(24,4),
    "cumulativeWan" DECIMAL(24,4),
    "yearFundsWan" DECIMAL(24,4),
    "withSubmittedPeriodWan" DECIMAL(24,4),
    "withSubmittedYearWan" DECIMAL(24,4),
    "withSubmittedCumulativeWan" DECIMAL(24,4),
    "withSubmittedYearFundsWan" DECIMAL(24,4),

    CONSTRAINT "ProjectPeriodFigure_pkey" PRIMARY KEY ("projectId","period")
);

-- AddForeignKey
ALTER TABLE "ProjectPeriodFigure" ADD CONSTRAINT "ProjectPeriodFigure_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Running figures (issue #17): 本期 / 本年累计 / 累计完成 / 本年资金到位 of every project as of each period
-- in which a counted report of it (or of its 续建 predecessors) exists, approved only and with the
-- submitted-but-unapproved revisions (含已报送). lib/server/rollups/project-figures.ts reads the latest
-- row at or before a period instead of summing every report. Maintained here, by triggers, inside the
-- transaction of every write that changes a counted report or a carry-over link (the operations, the
-- imports, carry-over, restores, seeds and tests alike), so the table cannot drift from the reports.

-- Recomputes the rows of the given projects and of every project whose lineage includes them.
-- Same definition as the reports-based reference (lib/server/rollups/figures-reference.ts):
-- counted = approved (isOfficial); 含已报送 = the current submitted revision of a period instead of its
-- approved one; a line counts its own reports and its predecessors' (续建); sums of nothing are NULL.
CREATE FUNCTION "refresh_project_figures"(ids integer[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  lines integer[];
  id integer;
BEGIN
  IF ids IS NULL OR cardinality(ids) = 0 THEN RETURN; END IF;
  WITH RECURSIVE d(id) AS (
    SELECT DISTINCT x FROM unnest(ids) x WHERE x IS NOT NULL
    UNION
    SELECT s.id FROM "Project" s JOIN d ON s."predecessorId" = d.id
  )
  SELECT array_agg(d.id ORDER BY d.id) INTO lines FROM d;
  IF lines IS NULL THEN RETURN; END IF;
  -- Concurrent writers of the same project take turns (each then recomputes from what the other
  -- committed); a large batch locks the table instead of thousands of keys.
  IF cardinality(lines) > 100 THEN
    LOCK TABLE "ProjectPeriodFigure" IN SHARE ROW EXCLUSIVE MODE;
  ELSE
    LOCK TABLE "ProjectPeriodFigure" IN ROW EXCLUSIVE MODE;
    FOREACH id IN ARRAY lines LOOP
      PERFORM pg_advisory_xact_lock(1717, id);
    END LOOP;
  END IF;
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

-- Reports: a row counts (in either view) when approved or the current submitted revision; a change
-- that touches no such row (drafts, texts) recomputes nothing.
CREATE FUNCTION "project_figures_reports_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
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
  PERFORM "refresh_project_figures"(ids);
  RETURN NULL;
END $$;

CREATE TRIGGER "project_figures_insert" AFTER INSERT ON "ProgressReport" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "project_figures_reports_changed"();
CREATE TRIGGER "project_figures_update" AFTER UPDATE ON "ProgressReport" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "project_figures_reports_changed"();
CREATE TRIGGER "project_figures_delete" AFTER DELETE ON "ProgressReport" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "project_figures_reports_changed"();

CREATE FUNCTION "project_figures_reports_truncated"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "ProjectPeriodFigure";
  RETURN NULL;
END $$;
CREATE TRIGGER "project_figures_truncate" AFTER TRUNCATE ON "ProgressReport"
  FOR EACH STATEMENT EXECUTE FUNCTION "project_figures_reports_truncated"();

-- Carry-over links (Project.predecessorId): a successor counts its predecessors' reports.
CREATE FUNCTION "project_figures_lineage_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE ids integer[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(n.id) INTO ids FROM new_rows n WHERE n."predecessorId" IS NOT NULL;
  ELSE
    SELECT array_agg(n.id) INTO ids FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE o."predecessorId" IS DISTINCT FROM n."predecessorId";
  END IF;
  PERFORM "refresh_project_figures"(ids);
  RETURN NULL;
END $$;

CREATE TRIGGER "project_figures_lineage_insert" AFTER INSERT ON "Project" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "project_figures_lineage_changed"();
CREATE TRIGGER "project_figures_lineage_update" AFTER UPDATE ON "Project" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "project_figures_lineage_changed"();

-- Backfill.
SELECT "refresh_project_figures"(array_agg(id)) FROM "Project";
