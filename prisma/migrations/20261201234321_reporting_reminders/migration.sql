-- AlterTable
ALTER TABLE "Plan" ADD COLUMN     "reminderWebhookUrl" TEXT,
ADD COLUMN     "reportDueDay" INTEGER;

-- CreateTable
CREATE TABLE "Reminder" (
    "id" SERIAL NOT NULL,
    "planId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "period" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "dueDate" DATE,
    "outstanding" INTEGER NOT NULL,
    "senderId" INTEGER NOT NULL,
    "message" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Reminder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Notice" (
    "id" SERIAL NOT NULL,
    "recipientId" INTEGER NOT NULL,
    "planId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "period" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "reminderId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readAt" TIMESTAMP(3),

    CONSTRAINT "Notice_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Reminder_planId_period_idx" ON "Reminder"("planId", "period");

-- CreateIndex
CREATE UNIQUE INDEX "Reminder_unitId_period_day_key" ON "Reminder"("unitId", "period", "day");

-- CreateIndex
CREATE INDEX "Notice_recipientId_readAt_idx" ON "Notice"("recipientId", "readAt");

-- CreateIndex
CREATE INDEX "Notice_planId_idx" ON "Notice"("planId");

-- CreateIndex
CREATE INDEX "Notice_unitId_idx" ON "Notice"("unitId");

-- CreateIndex
CREATE UNIQUE INDEX "Notice_reminderId_recipientId_key" ON "Notice"("reminderId", "recipientId");

-- AddForeignKey
ALTER TABLE "Reminder" ADD CONSTRAINT "Reminder_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Reminder" ADD CONSTRAINT "Reminder_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "ReportingUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Reminder" ADD CONSTRAINT "Reminder_senderId_fkey" FOREIGN KEY ("senderId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notice" ADD CONSTRAINT "Notice_recipientId_fkey" FOREIGN KEY ("recipientId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notice" ADD CONSTRAINT "Notice_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notice" ADD CONSTRAINT "Notice_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "ReportingUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notice" ADD CONSTRAINT "Notice_reminderId_fkey" FOREIGN KEY ("reminderId") REFERENCES "Reminder"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- Hand-written: what the columns may hold, whatever writes them (triggers, not CHECK constraints:
-- the offline schema engine cannot read CHECK constraints back).
CREATE OR REPLACE FUNCTION "plan_reminder_settings_valid"() RETURNS trigger AS $$
BEGIN
  IF NEW."reportDueDay" IS NOT NULL AND (NEW."reportDueDay" < 1 OR NEW."reportDueDay" > 31) THEN
    RAISE EXCEPTION 'plan %: reportDueDay % is not a day of the month (1-31)', NEW.id, NEW."reportDueDay" USING ERRCODE = 'check_violation';
  END IF;
  IF NEW."reminderWebhookUrl" IS NOT NULL AND (NEW."reminderWebhookUrl" !~* '^https?://[^/?#@[:space:]]+([/?#][^[:space:]]*)?$' OR length(NEW."reminderWebhookUrl") > 500) THEN
    RAISE EXCEPTION 'plan %: reminderWebhookUrl must be an http(s) URL of at most 500 characters', NEW.id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER "Plan_reminder_settings_valid" BEFORE INSERT OR UPDATE OF "reportDueDay", "reminderWebhookUrl" ON "Plan"
  FOR EACH ROW EXECUTE FUNCTION "plan_reminder_settings_valid"();

-- A reminder and its notices name a unit of their own plan.
CREATE OR REPLACE FUNCTION "reminder_unit_of_plan"() RETURNS trigger AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM "ReportingUnit" u WHERE u.id = NEW."unitId" AND u."planId" = NEW."planId") THEN
    RAISE EXCEPTION '%: unit % is not a unit of plan %', TG_TABLE_NAME, NEW."unitId", NEW."planId" USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER "Reminder_unit_of_plan" BEFORE INSERT OR UPDATE OF "unitId", "planId" ON "Reminder"
  FOR EACH ROW EXECUTE FUNCTION "reminder_unit_of_plan"();
CREATE TRIGGER "Notice_unit_of_plan" BEFORE INSERT OR UPDATE OF "unitId", "planId" ON "Notice"
  FOR EACH ROW EXECUTE FUNCTION "reminder_unit_of_plan"();
