-- Trigram matching (similarity, word_similarity) for names and misspellings.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- AlterTable: the talk's search document. A trigger keeps it up to date rather than a generated
-- column, whose expression Prisma's schema cannot state (it would report it as drift).
ALTER TABLE "Talk" ADD COLUMN "searchVector" tsvector;

CREATE FUNCTION talk_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  config regconfig := CASE WHEN NEW."language" ILIKE 'de%' THEN 'german'::regconfig ELSE 'english'::regconfig END;
BEGIN
  NEW."searchVector" :=
    setweight(to_tsvector(config, coalesce(NEW."title", '')), 'A') ||
    setweight(to_tsvector(config, coalesce(NEW."subtitle", '')), 'B') ||
    setweight(to_tsvector(config, coalesce(NEW."abstract", '')), 'C');
  RETURN NEW;
END
$$;

CREATE TRIGGER "Talk_searchVector" BEFORE INSERT OR UPDATE OF "title", "subtitle", "abstract", "language" ON "Talk"
  FOR EACH ROW EXECUTE FUNCTION talk_search_vector();

-- Fill it for the talks already there.
UPDATE "Talk" SET "title" = "title";

-- CreateIndex
CREATE INDEX "Talk_searchVector_idx" ON "Talk" USING GIN ("searchVector");

-- CreateIndex
CREATE INDEX "Person_name_trgm_idx" ON "Person" USING GIN ("name" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Organisation_name_trgm_idx" ON "Organisation" USING GIN ("name" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Conference_name_trgm_idx" ON "Conference" USING GIN ("name" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Topic_name_trgm_idx" ON "Topic" USING GIN ("name" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Article_title_trgm_idx" ON "Article" USING GIN ("title" gin_trgm_ops);
