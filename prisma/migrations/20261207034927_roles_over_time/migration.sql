-- DropIndex
DROP INDEX "Affiliation_personId_organisationId_key";

-- AlterTable
ALTER TABLE "Affiliation" ADD COLUMN     "sources" JSONB NOT NULL DEFAULT '[]';

-- AlterTable
ALTER TABLE "TalkSpeaker" ADD COLUMN     "organisationSource" JSONB;

-- CreateIndex
CREATE INDEX "Affiliation_personId_organisationId_idx" ON "Affiliation"("personId", "organisationId");
