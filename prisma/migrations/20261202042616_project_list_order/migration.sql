-- CreateIndex
CREATE INDEX "Project_planId_sortOrder_id_idx" ON "Project"("planId", "sortOrder", "id");

