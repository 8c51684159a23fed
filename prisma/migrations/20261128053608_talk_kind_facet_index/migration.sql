-- CreateIndex
CREATE INDEX "Talk_conferenceId_kind_idx" ON "Talk"("conferenceId", "kind");
