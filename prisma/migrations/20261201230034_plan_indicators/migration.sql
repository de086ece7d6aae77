-- CreateEnum
CREATE TYPE "IndicatorAttribute" AS ENUM ('EXPECTED', 'BINDING');

-- CreateEnum
CREATE TYPE "IndicatorComparator" AS ENUM ('GTE', 'GT', 'LTE', 'LT', 'EQ', 'ABOUT', 'QUALITATIVE');

-- CreateEnum
CREATE TYPE "IndicatorDirection" AS ENUM ('HIGHER', 'LOWER');

-- CreateEnum
CREATE TYPE "IndicatorJudgementResult" AS ENUM ('MET', 'NOT_MET', 'NOT_ASSESSABLE');

-- AlterEnum
ALTER TYPE "WarningTarget" ADD VALUE 'INDICATOR';

-- AlterTable
ALTER TABLE "DataWarning" ADD COLUMN     "indicatorId" INTEGER;

-- CreateTable
CREATE TABLE "Indicator" (
    "id" SERIAL NOT NULL,
    "planId" INTEGER NOT NULL,
    "category" TEXT,
    "seq" TEXT,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "name" TEXT NOT NULL,
    "shortName" TEXT NOT NULL,
    "unit" TEXT,
    "attribute" "IndicatorAttribute",
    "baselineYear" INTEGER,
    "baselineText" TEXT,
    "baselineValue" DECIMAL(18,4),
    "targetYear" INTEGER,
    "targetText" TEXT,
    "targetComparator" "IndicatorComparator" NOT NULL DEFAULT 'QUALITATIVE',
    "targetValue" DECIMAL(18,4),
    "targetTolerance" DECIMAL(18,4),
    "direction" "IndicatorDirection",
    "sourceKind" "ProvenanceKind" NOT NULL DEFAULT 'DOCUMENT',
    "sourceFile" TEXT,
    "sourceLine" INTEGER,
    "sourceText" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "deletedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Indicator_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IndicatorValue" (
    "id" SERIAL NOT NULL,
    "indicatorId" INTEGER NOT NULL,
    "unitId" INTEGER,
    "year" INTEGER NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "isCurrent" BOOLEAN NOT NULL DEFAULT true,
    "isOfficial" BOOLEAN NOT NULL DEFAULT false,
    "status" "ReportStatus" NOT NULL DEFAULT 'SUBMITTED',
    "value" DECIMAL(18,4) NOT NULL,
    "dataSource" TEXT NOT NULL,
    "note" TEXT,
    "correctionReason" TEXT,
    "reviewComment" TEXT,
    "submittedById" INTEGER,
    "submittedAt" TIMESTAMP(3),
    "reviewedById" INTEGER,
    "reviewedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "IndicatorValue_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IndicatorJudgement" (
    "id" SERIAL NOT NULL,
    "indicatorId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "result" "IndicatorJudgementResult" NOT NULL,
    "reason" TEXT NOT NULL,
    "judgedById" INTEGER NOT NULL,
    "judgedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "IndicatorJudgement_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Indicator_planId_deletedAt_idx" ON "Indicator"("planId", "deletedAt");

-- CreateIndex
CREATE INDEX "IndicatorValue_indicatorId_isCurrent_idx" ON "IndicatorValue"("indicatorId", "isCurrent");

-- CreateIndex
CREATE INDEX "IndicatorValue_indicatorId_isOfficial_year_idx" ON "IndicatorValue"("indicatorId", "isOfficial", "year");

-- CreateIndex
CREATE INDEX "IndicatorValue_unitId_idx" ON "IndicatorValue"("unitId");

-- CreateIndex
CREATE INDEX "IndicatorValue_status_idx" ON "IndicatorValue"("status");

-- CreateIndex
CREATE UNIQUE INDEX "IndicatorJudgement_indicatorId_year_key" ON "IndicatorJudgement"("indicatorId", "year");

-- CreateIndex
CREATE INDEX "DataWarning_indicatorId_idx" ON "DataWarning"("indicatorId");

-- AddForeignKey
ALTER TABLE "DataWarning" ADD CONSTRAINT "DataWarning_indicatorId_fkey" FOREIGN KEY ("indicatorId") REFERENCES "Indicator"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Indicator" ADD CONSTRAINT "Indicator_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IndicatorValue" ADD CONSTRAINT "IndicatorValue_indicatorId_fkey" FOREIGN KEY ("indicatorId") REFERENCES "Indicator"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IndicatorValue" ADD CONSTRAINT "IndicatorValue_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "ReportingUnit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IndicatorJudgement" ADD CONSTRAINT "IndicatorJudgement_indicatorId_fkey" FOREIGN KEY ("indicatorId") REFERENCES "Indicator"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

