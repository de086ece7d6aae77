-- DropIndex
DROP INDEX "ProgressReport_projectId_isOfficial_period_idx";

-- CreateIndex
CREATE INDEX "ProgressReport_counted_cover_idx" ON "ProgressReport"("projectId", "isOfficial", "period", "year", "completedAmount", "fundsCentral", "fundsProvincial", "fundsLocal", "fundsSpecialBond", "fundsSelf");

