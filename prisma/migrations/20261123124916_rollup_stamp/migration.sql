-- CreateTable
CREATE TABLE "RollupStamp" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "version" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "RollupStamp_pkey" PRIMARY KEY ("id")
);


-- The version comes from a sequence that TRUNCATE ... RESTART IDENTITY does not reset, so a value is
-- never reused for another state of the data.
CREATE SEQUENCE "rollup_stamp_seq";

-- Bumps the stamp once per transaction. Fired at commit (deferred constraint triggers), so the row
-- lock is taken last and held only while committing: writers never wait on it mid-transaction.
CREATE FUNCTION "rollup_stamp_bump"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('ledger.rollup_stamped', true) IS DISTINCT FROM 'on' THEN
    INSERT INTO "RollupStamp" ("id", "version") VALUES (1, nextval('rollup_stamp_seq'))
      ON CONFLICT ("id") DO UPDATE SET "version" = EXCLUDED."version";
    PERFORM set_config('ledger.rollup_stamped', 'on', true);
  END IF;
  RETURN NULL;
END $$;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['Plan', 'ReportingUnit', 'Section', 'Project', 'ProgressReport', 'AnnualPlanAmount', 'Milestone'] LOOP
    EXECUTE format('CREATE CONSTRAINT TRIGGER "rollup_stamp" AFTER INSERT OR UPDATE OR DELETE ON %I DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "rollup_stamp_bump"()', t);
    EXECUTE format('CREATE TRIGGER "rollup_stamp_truncate" AFTER TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION "rollup_stamp_bump"()', t);
  END LOOP;
END $$;

INSERT INTO "RollupStamp" ("id", "version") VALUES (1, nextval('rollup_stamp_seq'));
