-- AlterTable
ALTER TABLE "RollupStamp" ADD COLUMN     "portfolioVersion" BIGINT NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "ProjectRollupFact" (
    "planId" INTEGER NOT NULL,
    "version" BIGINT NOT NULL,
    "projectId" INTEGER NOT NULL,
    "unitId" INTEGER,
    "sectionId" INTEGER NOT NULL,
    "startYear" INTEGER,
    "status" "ProjectStatus" NOT NULL,
    "endPeriod" TEXT,
    "isLine" BOOLEAN NOT NULL,
    "isSubProject" BOOLEAN NOT NULL,
    "isProgramme" BOOLEAN NOT NULL,
    "isBuilding" BOOLEAN NOT NULL,
    "reportsDue" BOOLEAN NOT NULL,
    "total" DECIMAL(18,4),
    "startDue" DATE,
    "completeDue" DATE,
    "startActual" DATE,
    "completedOn" DATE,

    CONSTRAINT "ProjectRollupFact_pkey" PRIMARY KEY ("planId","version","projectId")
);


-- Rollups read a newer rollup stamp after any write; the portfolio version moves only with writes to
-- what ProjectRollupFact holds (projects and milestones) and to plans, so approvals, annual plans and
-- imports of reports keep the kept facts, and cached results that read only those tables, valid. Same trigger function, same row, same commit-time lock
-- (migrations rollup_stamp, project_figures_at_commit).
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
  dirty := NULLIF(current_setting('ledger.figures_dirty', true), '');
  IF dirty IS NOT NULL THEN
    PERFORM set_config('ledger.figures_dirty', '', true);
    PERFORM "refresh_project_figures"(string_to_array(dirty, ',')::integer[]);
  END IF;
  RETURN NULL;
END $$;

UPDATE "RollupStamp" SET "portfolioVersion" = nextval('rollup_stamp_seq') WHERE "id" = 1;
