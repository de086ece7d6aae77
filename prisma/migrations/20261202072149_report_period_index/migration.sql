-- CreateIndex
CREATE INDEX "ProgressReport_period_projectId_idx" ON "ProgressReport"("period", "projectId");

