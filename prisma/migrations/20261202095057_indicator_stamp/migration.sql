-- AlterTable
ALTER TABLE "RollupStamp" ADD COLUMN     "indicatorVersion" BIGINT NOT NULL DEFAULT 0;


-- Moved once per transaction that writes an indicator, a value or a judgement, at commit (deferred
-- constraint trigger, the same row lock and sequence as the rollup stamp: migration rollup_stamp). A
-- kept dashboard page (lib/server/pages/kept-page-key.ts) shows 主要指标 and follows this version.
CREATE FUNCTION "indicator_stamp_bump"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('ledger.indicator_stamped', true) IS DISTINCT FROM 'on' THEN
    INSERT INTO "RollupStamp" ("id", "indicatorVersion") VALUES (1, nextval('rollup_stamp_seq'))
      ON CONFLICT ("id") DO UPDATE SET "indicatorVersion" = EXCLUDED."indicatorVersion";
    PERFORM set_config('ledger.indicator_stamped', 'on', true);
  END IF;
  RETURN NULL;
END $$;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['Indicator', 'IndicatorValue', 'IndicatorJudgement'] LOOP
    EXECUTE format('CREATE CONSTRAINT TRIGGER "indicator_stamp" AFTER INSERT OR UPDATE OR DELETE ON %I DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "indicator_stamp_bump"()', t);
    EXECUTE format('CREATE TRIGGER "indicator_stamp_truncate" AFTER TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION "indicator_stamp_bump"()', t);
  END LOOP;
END $$;

UPDATE "RollupStamp" SET "indicatorVersion" = nextval('rollup_stamp_seq') WHERE "id" = 1;
