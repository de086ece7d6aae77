-- CreateEnum
CREATE TYPE "ChangeRequestStatus" AS ENUM ('SUBMITTED', 'APPROVED', 'RETURNED', 'WITHDRAWN');

-- AlterTable
ALTER TABLE "AnnualPlanAmount" ADD COLUMN     "approvedAt" TIMESTAMP(3),
ADD COLUMN     "approvedById" INTEGER,
ADD COLUMN     "proposalReportId" INTEGER,
ADD COLUMN     "proposalStatus" "ReportStatus",
ADD COLUMN     "proposedAmount" DECIMAL(18,4),
ADD COLUMN     "proposedAt" TIMESTAMP(3),
ADD COLUMN     "proposedById" INTEGER,
ADD COLUMN     "reviewComment" TEXT,
ALTER COLUMN "amount" DROP NOT NULL;

-- CreateTable
CREATE TABLE "ProjectChangeRequest" (
    "id" SERIAL NOT NULL,
    "projectId" INTEGER NOT NULL,
    "baseVersion" INTEGER NOT NULL,
    "changes" JSONB NOT NULL,
    "reason" TEXT NOT NULL,
    "docNumber" TEXT,
    "docDate" DATE,
    "status" "ChangeRequestStatus" NOT NULL DEFAULT 'SUBMITTED',
    "createdById" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reviewedById" INTEGER,
    "reviewedAt" TIMESTAMP(3),
    "reviewComment" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProjectChangeRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ProjectChangeRequest_projectId_status_idx" ON "ProjectChangeRequest"("projectId", "status");

-- CreateIndex
CREATE INDEX "ProjectChangeRequest_status_idx" ON "ProjectChangeRequest"("status");

-- CreateIndex
CREATE INDEX "ProjectChangeRequest_createdById_idx" ON "ProjectChangeRequest"("createdById");

-- CreateIndex
CREATE INDEX "AnnualPlanAmount_proposalStatus_idx" ON "AnnualPlanAmount"("proposalStatus");

-- CreateIndex
CREATE INDEX "AnnualPlanAmount_proposalReportId_idx" ON "AnnualPlanAmount"("proposalReportId");

-- AddForeignKey
ALTER TABLE "ProjectChangeRequest" ADD CONSTRAINT "ProjectChangeRequest_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Annual plan amounts typed before this migration were never reviewed. Those of a year in which the
-- project has an approved report were accepted with it and stay official; the others become
-- submitted proposals for a reviewer to decide.
UPDATE "AnnualPlanAmount" a SET "proposedAmount" = a.amount, "proposalStatus" = 'SUBMITTED', "proposedAt" = a."updatedAt", amount = NULL
WHERE NOT EXISTS (SELECT 1 FROM "ProgressReport" r WHERE r."projectId" = a."projectId" AND r.year = a.year AND r."isOfficial");
UPDATE "AnnualPlanAmount" SET "approvedAt" = "updatedAt" WHERE amount IS NOT NULL;

-- A sub-project of a bundle carries no money and files no reports: its bundle line does. (Triggers,
-- not CHECK constraints: the offline schema engine cannot read CHECK constraints back.)

CREATE FUNCTION "refuse_subproject_rows"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM "Project" WHERE id = NEW."projectId" AND "parentId" IS NOT NULL) THEN
    RAISE EXCEPTION 'sub-project % cannot carry % rows', NEW."projectId", TG_TABLE_NAME USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER "ProgressReport_not_on_subproject" BEFORE INSERT OR UPDATE OF "projectId" ON "ProgressReport" FOR EACH ROW EXECUTE FUNCTION "refuse_subproject_rows"();
CREATE TRIGGER "AnnualPlanAmount_not_on_subproject" BEFORE INSERT OR UPDATE OF "projectId" ON "AnnualPlanAmount" FOR EACH ROW EXECUTE FUNCTION "refuse_subproject_rows"();

-- A sub-project has no total investment, and a project that becomes one must not have reports or
-- annual amounts already.
CREATE FUNCTION "refuse_subproject_money"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."parentId" IS NOT NULL AND NEW."totalInvestment" IS NOT NULL THEN
    RAISE EXCEPTION 'sub-project % cannot carry a total investment', NEW.id USING ERRCODE = 'check_violation';
  END IF;
  IF NEW."parentId" IS NOT NULL AND (TG_OP = 'INSERT' OR OLD."parentId" IS NULL) AND (EXISTS (SELECT 1 FROM "ProgressReport" WHERE "projectId" = NEW.id) OR EXISTS (SELECT 1 FROM "AnnualPlanAmount" WHERE "projectId" = NEW.id)) THEN
    RAISE EXCEPTION 'project % has reports and cannot become a sub-project', NEW.id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER "Project_subproject_no_money" BEFORE INSERT OR UPDATE OF "parentId", "totalInvestment" ON "Project" FOR EACH ROW EXECUTE FUNCTION "refuse_subproject_money"();
