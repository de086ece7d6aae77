-- AlterTable
ALTER TABLE "ApiToken" ADD COLUMN     "sessionVersion" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "milestonesVersion" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "RevokedSession" (
    "sessionId" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RevokedSession_pkey" PRIMARY KEY ("sessionId")
);

-- CreateIndex
CREATE INDEX "RevokedSession_expiresAt_idx" ON "RevokedSession"("expiresAt");


-- Tokens issued before this migration belong to their issuer's current sessions.
UPDATE "ApiToken" t SET "sessionVersion" = u."sessionVersion" FROM "User" u WHERE u.id = t."userId";
