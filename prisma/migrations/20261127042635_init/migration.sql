-- CreateEnum
CREATE TYPE "ConferenceFormat" AS ENUM ('IN_PERSON', 'VIRTUAL', 'HYBRID');

-- CreateEnum
CREATE TYPE "TalkKind" AS ENUM ('KEYNOTE', 'TALK', 'PANEL', 'LIGHTNING', 'WORKSHOP', 'TUTORIAL', 'BOF', 'MEETUP', 'CEREMONY', 'OTHER');

-- CreateEnum
CREATE TYPE "OrganisationKind" AS ENUM ('COMPANY', 'CONSULTANCY', 'FOUNDATION', 'NONPROFIT', 'COMMUNITY', 'PROJECT', 'UNIVERSITY', 'GOVERNMENT', 'OTHER');

-- CreateEnum
CREATE TYPE "ReactionKind" AS ENUM ('HIGHLIGHT', 'DAY_HIGHLIGHT', 'RECOMMENDATION', 'TAKEAWAY', 'CRITIQUE', 'MENTION');

-- CreateTable
CREATE TABLE "Conference" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "series" TEXT,
    "year" INTEGER,
    "edition" TEXT,
    "startsOn" DATE,
    "endsOn" DATE,
    "timeZone" TEXT,
    "format" "ConferenceFormat",
    "location" TEXT,
    "website" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Conference_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Talk" (
    "id" SERIAL NOT NULL,
    "conferenceId" INTEGER NOT NULL,
    "slug" TEXT NOT NULL,
    "externalId" TEXT,
    "title" TEXT NOT NULL,
    "subtitle" TEXT,
    "abstract" TEXT,
    "kind" "TalkKind" NOT NULL DEFAULT 'TALK',
    "track" TEXT,
    "room" TEXT,
    "language" TEXT,
    "day" INTEGER,
    "startsAt" TIMESTAMP(3),
    "endsAt" TIMESTAMP(3),
    "scheduleUrl" TEXT,
    "slidesUrl" TEXT,
    "recordingUrl" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Talk_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Person" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "bio" TEXT,
    "links" TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Person_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Organisation" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "OrganisationKind" NOT NULL DEFAULT 'COMPANY',
    "description" TEXT,
    "website" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Organisation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Affiliation" (
    "id" SERIAL NOT NULL,
    "personId" INTEGER NOT NULL,
    "organisationId" INTEGER NOT NULL,
    "jobTitle" TEXT,
    "startedOn" DATE,
    "endedOn" DATE,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Affiliation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TalkSpeaker" (
    "id" SERIAL NOT NULL,
    "talkId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "organisationId" INTEGER,

    CONSTRAINT "TalkSpeaker_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Reaction" (
    "id" SERIAL NOT NULL,
    "personId" INTEGER NOT NULL,
    "talkId" INTEGER NOT NULL,
    "organisationId" INTEGER,
    "articleId" INTEGER NOT NULL,
    "kind" "ReactionKind" NOT NULL,
    "summary" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Reaction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Article" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "url" TEXT,
    "publisherId" INTEGER,
    "seriesName" TEXT,
    "seriesPart" INTEGER,
    "seriesParts" INTEGER,
    "publishedOn" DATE,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Article_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ArticleAuthor" (
    "articleId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "ArticleAuthor_pkey" PRIMARY KEY ("articleId","personId")
);

-- CreateTable
CREATE TABLE "Topic" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "Topic_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "_TalkToTopic" (
    "A" INTEGER NOT NULL,
    "B" INTEGER NOT NULL,

    CONSTRAINT "_TalkToTopic_AB_pkey" PRIMARY KEY ("A","B")
);

-- CreateIndex
CREATE UNIQUE INDEX "Conference_slug_key" ON "Conference"("slug");

-- CreateIndex
CREATE INDEX "Conference_series_year_idx" ON "Conference"("series", "year");

-- CreateIndex
CREATE INDEX "Conference_startsOn_idx" ON "Conference"("startsOn");

-- CreateIndex
CREATE INDEX "Talk_conferenceId_day_startsAt_idx" ON "Talk"("conferenceId", "day", "startsAt");

-- CreateIndex
CREATE INDEX "Talk_conferenceId_track_idx" ON "Talk"("conferenceId", "track");

-- CreateIndex
CREATE INDEX "Talk_kind_idx" ON "Talk"("kind");

-- CreateIndex
CREATE INDEX "Talk_startsAt_idx" ON "Talk"("startsAt");

-- CreateIndex
CREATE UNIQUE INDEX "Talk_conferenceId_slug_key" ON "Talk"("conferenceId", "slug");

-- CreateIndex
CREATE UNIQUE INDEX "Talk_conferenceId_externalId_key" ON "Talk"("conferenceId", "externalId");

-- CreateIndex
CREATE UNIQUE INDEX "Person_slug_key" ON "Person"("slug");

-- CreateIndex
CREATE INDEX "Person_name_idx" ON "Person"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Organisation_slug_key" ON "Organisation"("slug");

-- CreateIndex
CREATE INDEX "Organisation_name_idx" ON "Organisation"("name");

-- CreateIndex
CREATE INDEX "Affiliation_organisationId_idx" ON "Affiliation"("organisationId");

-- CreateIndex
CREATE UNIQUE INDEX "Affiliation_personId_organisationId_key" ON "Affiliation"("personId", "organisationId");

-- CreateIndex
CREATE INDEX "TalkSpeaker_talkId_position_idx" ON "TalkSpeaker"("talkId", "position");

-- CreateIndex
CREATE INDEX "TalkSpeaker_personId_idx" ON "TalkSpeaker"("personId");

-- CreateIndex
CREATE INDEX "TalkSpeaker_organisationId_idx" ON "TalkSpeaker"("organisationId");

-- CreateIndex
CREATE UNIQUE INDEX "TalkSpeaker_talkId_personId_key" ON "TalkSpeaker"("talkId", "personId");

-- CreateIndex
CREATE INDEX "Reaction_personId_idx" ON "Reaction"("personId");

-- CreateIndex
CREATE INDEX "Reaction_talkId_idx" ON "Reaction"("talkId");

-- CreateIndex
CREATE INDEX "Reaction_organisationId_idx" ON "Reaction"("organisationId");

-- CreateIndex
CREATE INDEX "Reaction_kind_idx" ON "Reaction"("kind");

-- CreateIndex
CREATE UNIQUE INDEX "Reaction_articleId_personId_talkId_kind_key" ON "Reaction"("articleId", "personId", "talkId", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "Article_slug_key" ON "Article"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "Article_url_key" ON "Article"("url");

-- CreateIndex
CREATE INDEX "Article_publisherId_idx" ON "Article"("publisherId");

-- CreateIndex
CREATE INDEX "Article_seriesName_seriesPart_idx" ON "Article"("seriesName", "seriesPart");

-- CreateIndex
CREATE INDEX "ArticleAuthor_personId_idx" ON "ArticleAuthor"("personId");

-- CreateIndex
CREATE UNIQUE INDEX "Topic_slug_key" ON "Topic"("slug");

-- CreateIndex
CREATE INDEX "_TalkToTopic_B_index" ON "_TalkToTopic"("B");

-- AddForeignKey
ALTER TABLE "Talk" ADD CONSTRAINT "Talk_conferenceId_fkey" FOREIGN KEY ("conferenceId") REFERENCES "Conference"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Affiliation" ADD CONSTRAINT "Affiliation_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Affiliation" ADD CONSTRAINT "Affiliation_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TalkSpeaker" ADD CONSTRAINT "TalkSpeaker_talkId_fkey" FOREIGN KEY ("talkId") REFERENCES "Talk"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TalkSpeaker" ADD CONSTRAINT "TalkSpeaker_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TalkSpeaker" ADD CONSTRAINT "TalkSpeaker_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Reaction" ADD CONSTRAINT "Reaction_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Reaction" ADD CONSTRAINT "Reaction_talkId_fkey" FOREIGN KEY ("talkId") REFERENCES "Talk"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Reaction" ADD CONSTRAINT "Reaction_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Reaction" ADD CONSTRAINT "Reaction_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Article" ADD CONSTRAINT "Article_publisherId_fkey" FOREIGN KEY ("publisherId") REFERENCES "Organisation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArticleAuthor" ADD CONSTRAINT "ArticleAuthor_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArticleAuthor" ADD CONSTRAINT "ArticleAuthor_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_TalkToTopic" ADD CONSTRAINT "_TalkToTopic_A_fkey" FOREIGN KEY ("A") REFERENCES "Talk"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_TalkToTopic" ADD CONSTRAINT "_TalkToTopic_B_fkey" FOREIGN KEY ("B") REFERENCES "Topic"("id") ON DELETE CASCADE ON UPDATE CASCADE;
