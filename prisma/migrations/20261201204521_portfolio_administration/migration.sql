-- CreateEnum
CREATE TYPE "ProvenanceKind" AS ENUM ('DOCUMENT', 'IMPORT', 'ENTERED', 'CARRIED');

-- CreateEnum
CREATE TYPE "ProjectNature" AS ENUM ('NEW', 'EXPANSION', 'CONTINUED');

-- CreateEnum
CREATE TYPE "Admission" AS ENUM ('PROPOSED', 'ADMITTED', 'RETURNED');

-- CreateEnum
CREATE TYPE "ChangeRequestKind" AS ENUM ('FACTS', 'WITHDRAW');

-- AlterTable
ALTER TABLE "Plan" ADD COLUMN     "archivedAt" TIMESTAMP(3),
ADD COLUMN     "moneyUnit" TEXT NOT NULL DEFAULT 'yi',
ADD COLUMN     "sourceDocument" TEXT,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1,
ALTER COLUMN "sourceFile" DROP NOT NULL;

-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "admission" "Admission" NOT NULL DEFAULT 'ADMITTED',
ADD COLUMN     "admissionComment" TEXT,
ADD COLUMN     "approvalCode" TEXT,
ADD COLUMN     "cutoverPeriod" TEXT,
ADD COLUMN     "endPeriod" TEXT,
ADD COLUMN     "enteredById" INTEGER,
ADD COLUMN     "fundingCentral" DECIMAL(18,4),
ADD COLUMN     "fundingLocal" DECIMAL(18,4),
ADD COLUMN     "fundingProvincial" DECIMAL(18,4),
ADD COLUMN     "fundingSelf" DECIMAL(18,4),
ADD COLUMN     "fundingSpecialBond" DECIMAL(18,4),
ADD COLUMN     "nature" "ProjectNature",
ADD COLUMN     "predecessorId" INTEGER,
ADD COLUMN     "scope" TEXT,
ADD COLUMN     "sourceKind" "ProvenanceKind" NOT NULL DEFAULT 'DOCUMENT',
ALTER COLUMN "sourceFile" DROP NOT NULL,
ALTER COLUMN "sourceLocator" DROP NOT NULL,
ALTER COLUMN "sourceText" DROP NOT NULL;

-- AlterTable
ALTER TABLE "ProjectChangeRequest" ADD COLUMN     "effectivePeriod" TEXT,
ADD COLUMN     "kind" "ChangeRequestKind" NOT NULL DEFAULT 'FACTS';

-- AlterTable
ALTER TABLE "ReportingUnit" ADD COLUMN     "mergedIntoId" INTEGER,
ADD COLUMN     "retiredAt" TIMESTAMP(3),
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "Section" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- CreateIndex
CREATE UNIQUE INDEX "Project_predecessorId_key" ON "Project"("predecessorId");

-- CreateIndex
CREATE INDEX "Project_planId_admission_idx" ON "Project"("planId", "admission");

-- AddForeignKey
ALTER TABLE "Project" ADD CONSTRAINT "Project_predecessorId_fkey" FOREIGN KEY ("predecessorId") REFERENCES "Project"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- Rows that came from an import batch say so (their locator names the batch).
UPDATE "Project" SET "sourceKind" = 'IMPORT' WHERE "sourceLocator" LIKE '导入批次%';
