-- CreateEnum
CREATE TYPE "IdentifierScheme" AS ENUM ('GITHUB', 'ORCID', 'WIKIDATA', 'WEBSITE', 'SCHED', 'SESSIONIZE', 'PRETALX', 'FRAB');

-- CreateTable
CREATE TABLE "PersonIdentifier" (
    "id" SERIAL NOT NULL,
    "personId" INTEGER NOT NULL,
    "scheme" "IdentifierScheme" NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "PersonIdentifier_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrganisationIdentifier" (
    "id" SERIAL NOT NULL,
    "organisationId" INTEGER NOT NULL,
    "scheme" "IdentifierScheme" NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "OrganisationIdentifier_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PersonAlias" (
    "id" SERIAL NOT NULL,
    "personId" INTEGER NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "PersonAlias_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrganisationAlias" (
    "id" SERIAL NOT NULL,
    "organisationId" INTEGER NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "OrganisationAlias_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PersonIdentifier_personId_idx" ON "PersonIdentifier"("personId");

-- CreateIndex
CREATE UNIQUE INDEX "PersonIdentifier_scheme_value_key" ON "PersonIdentifier"("scheme", "value");

-- CreateIndex
CREATE INDEX "OrganisationIdentifier_organisationId_idx" ON "OrganisationIdentifier"("organisationId");

-- CreateIndex
CREATE UNIQUE INDEX "OrganisationIdentifier_scheme_value_key" ON "OrganisationIdentifier"("scheme", "value");

-- CreateIndex
CREATE UNIQUE INDEX "PersonAlias_slug_key" ON "PersonAlias"("slug");

-- CreateIndex
CREATE INDEX "PersonAlias_personId_idx" ON "PersonAlias"("personId");

-- CreateIndex
CREATE UNIQUE INDEX "OrganisationAlias_slug_key" ON "OrganisationAlias"("slug");

-- CreateIndex
CREATE INDEX "OrganisationAlias_organisationId_idx" ON "OrganisationAlias"("organisationId");

-- AddForeignKey
ALTER TABLE "PersonIdentifier" ADD CONSTRAINT "PersonIdentifier_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrganisationIdentifier" ADD CONSTRAINT "OrganisationIdentifier_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PersonAlias" ADD CONSTRAINT "PersonAlias_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrganisationAlias" ADD CONSTRAINT "OrganisationAlias_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
