-- DropIndex
DROP INDEX "Talk_conferenceId_day_startsAt_idx";

-- CreateIndex
CREATE INDEX "Talk_conferenceId_day_startsAt_title_id_idx" ON "Talk"("conferenceId", "day", "startsAt", "title", "id");

-- CreateIndex
CREATE INDEX "Talk_conferenceId_title_id_idx" ON "Talk"("conferenceId", "title", "id");
