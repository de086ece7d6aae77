-- CreateEnum
CREATE TYPE "AttachmentKind" AS ENUM ('PHOTO', 'DOCUMENT');

-- AlterTable
ALTER TABLE "Milestone" ADD COLUMN     "docDate" DATE,
ADD COLUMN     "docNumber" TEXT;

-- CreateTable
CREATE TABLE "Attachment" (
    "id" SERIAL NOT NULL,
    "projectId" INTEGER NOT NULL,
    "reportId" INTEGER,
    "milestoneId" INTEGER,
    "kind" "AttachmentKind" NOT NULL,
    "fileName" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "byteSize" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "width" INTEGER,
    "height" INTEGER,
    "storageKey" TEXT NOT NULL,
    "thumbKey" TEXT,
    "createdById" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deletedAt" TIMESTAMP(3),
    "deletedById" INTEGER,

    CONSTRAINT "Attachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AttachmentBlob" (
    "key" TEXT NOT NULL,
    "data" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AttachmentBlob_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "Attachment_storageKey_key" ON "Attachment"("storageKey");

-- CreateIndex
CREATE UNIQUE INDEX "Attachment_thumbKey_key" ON "Attachment"("thumbKey");

-- CreateIndex
CREATE INDEX "Attachment_reportId_idx" ON "Attachment"("reportId");

-- CreateIndex
CREATE INDEX "Attachment_milestoneId_idx" ON "Attachment"("milestoneId");

-- CreateIndex
CREATE INDEX "Attachment_projectId_idx" ON "Attachment"("projectId");

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "ProgressReport"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_milestoneId_fkey" FOREIGN KEY ("milestoneId") REFERENCES "Milestone"("id") ON DELETE SET NULL ON UPDATE CASCADE;



-- Hand-written: an attachment belongs to exactly one report revision or one milestone, of its own
-- project (triggers, not CHECK constraints: the offline schema engine cannot read CHECK constraints back).
CREATE OR REPLACE FUNCTION "attachment_owner_valid"() RETURNS trigger AS $$
BEGIN
  IF (NEW."reportId" IS NULL) = (NEW."milestoneId" IS NULL) THEN
    RAISE EXCEPTION 'attachment %: exactly one of reportId and milestoneId must be set', NEW.id USING ERRCODE = 'check_violation';
  END IF;
  IF NEW."reportId" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "ProgressReport" r WHERE r.id = NEW."reportId" AND r."projectId" = NEW."projectId") THEN
    RAISE EXCEPTION 'attachment %: report % is not of project %', NEW.id, NEW."reportId", NEW."projectId" USING ERRCODE = 'check_violation';
  END IF;
  IF NEW."milestoneId" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "Milestone" m WHERE m.id = NEW."milestoneId" AND m."projectId" = NEW."projectId") THEN
    RAISE EXCEPTION 'attachment %: milestone % is not of project %', NEW.id, NEW."milestoneId", NEW."projectId" USING ERRCODE = 'check_violation';
  END IF;
  IF NEW."byteSize" <= 0 OR NEW."kind" = 'PHOTO' AND NEW."thumbKey" IS NULL THEN
    RAISE EXCEPTION 'attachment %: an empty file, or a photo without a thumbnail', NEW.id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER "Attachment_owner_valid" BEFORE INSERT OR UPDATE OF "projectId", "reportId", "milestoneId", "byteSize", "kind", "thumbKey" ON "Attachment"
  FOR EACH ROW EXECUTE FUNCTION "attachment_owner_valid"();
