// The statement behind `talkgraph duplicates` and the duplicateCandidates query: pairs of people, or
// of organisations, that may be one node under two names. A pair is found by trigram similarity of
// the names (pg_trgm, with the trigram indexes of the full_text_search migration); what the two
// share (talks, conferences, organisations, people) is the evidence a reviewer weighs before
// applying a merge. Nothing here decides: the list is for review.
import type { Sql } from '../db/sql.js';
import { Prisma } from '../generated/prisma/client.js';

export type DuplicateKind = 'PERSON' | 'ORGANISATION';

/** Names less alike than this are not listed: below it, pairs are mostly unrelated people who share a first name. */
export const MIN_NAME_SIMILARITY = { PERSON: 0.5, ORGANISATION: 0.45 } as const;
/** What a shared item adds to a pair's score: a shared organisation or talk says more than a shared conference. */
const SHARED_WEIGHT = { organisation: 0.3, person: 0.3, talk: 0.3, conference: 0.1 } as const;

export interface DuplicateRow {
  firstSlug: string;
  firstName: string;
  firstTalks: number;
  secondSlug: string;
  secondName: string;
  secondTalks: number;
  similarity: number;
  /** People: talks both gave (one talk listing both). Organisations: talks they were both represented at. */
  sharedTalks: number;
  sharedConferences: number;
  /** People: organisations both have a role at or spoke for. */
  sharedOrganisations: number;
  /** Organisations: people who have a role at, or spoke for, both. */
  sharedPeople: number;
  score: number;
}

/** The most likely duplicate pairs, best first. */
export function duplicatesStatement(kind: DuplicateKind, first: number): Sql {
  return kind === 'PERSON' ? peopleStatement(first) : organisationsStatement(first);
}

function peopleStatement(first: number): Sql {
  return Prisma.sql`
    WITH pairs AS (
      SELECT a.id AS a, b.id AS b, similarity(a.name, b.name)::float8 AS similarity
        FROM "Person" a JOIN "Person" b ON b.id > a.id AND b.name % a.name
       WHERE similarity(a.name, b.name) >= ${MIN_NAME_SIMILARITY.PERSON}::float8
    ), orgs AS (
      SELECT "personId" AS p, "organisationId" AS o FROM "Affiliation"
      UNION SELECT "personId", "organisationId" FROM "TalkSpeaker" WHERE "organisationId" IS NOT NULL
    ), evidence AS (
      SELECT pairs.*,
        (SELECT count(*) FROM "TalkSpeaker" x JOIN "TalkSpeaker" y ON y."talkId" = x."talkId" WHERE x."personId" = pairs.a AND y."personId" = pairs.b)::int AS "sharedTalks",
        (SELECT count(*) FROM (SELECT t."conferenceId" FROM "TalkSpeaker" s JOIN "Talk" t ON t.id = s."talkId" WHERE s."personId" = pairs.a
                               INTERSECT SELECT t."conferenceId" FROM "TalkSpeaker" s JOIN "Talk" t ON t.id = s."talkId" WHERE s."personId" = pairs.b) c)::int AS "sharedConferences",
        (SELECT count(*) FROM (SELECT o FROM orgs WHERE p = pairs.a INTERSECT SELECT o FROM orgs WHERE p = pairs.b) s)::int AS "sharedOrganisations",
        0 AS "sharedPeople"
      FROM pairs
    )
    SELECT a.slug AS "firstSlug", a.name AS "firstName", (SELECT count(*) FROM "TalkSpeaker" s WHERE s."personId" = a.id)::int AS "firstTalks",
           b.slug AS "secondSlug", b.name AS "secondName", (SELECT count(*) FROM "TalkSpeaker" s WHERE s."personId" = b.id)::int AS "secondTalks",
           e.similarity, e."sharedTalks", e."sharedConferences", e."sharedOrganisations", e."sharedPeople",
           (e.similarity + ${SHARED_WEIGHT.organisation}::float8 * least(e."sharedOrganisations", 2) + ${SHARED_WEIGHT.talk}::float8 * least(e."sharedTalks", 2)
              + ${SHARED_WEIGHT.conference}::float8 * least(e."sharedConferences", 3))::float8 AS score
      FROM evidence e JOIN "Person" a ON a.id = e.a JOIN "Person" b ON b.id = e.b
     ORDER BY score DESC, a.slug, b.slug
     LIMIT ${first}::int`;
}

function organisationsStatement(first: number): Sql {
  return Prisma.sql`
    WITH pairs AS (
      SELECT a.id AS a, b.id AS b, similarity(a.name, b.name)::float8 AS similarity
        FROM "Organisation" a JOIN "Organisation" b ON b.id > a.id AND b.name % a.name
       WHERE similarity(a.name, b.name) >= ${MIN_NAME_SIMILARITY.ORGANISATION}::float8
    ), people AS (
      SELECT "organisationId" AS o, "personId" AS p FROM "Affiliation"
      UNION SELECT "organisationId", "personId" FROM "TalkSpeaker" WHERE "organisationId" IS NOT NULL
    ), evidence AS (
      SELECT pairs.*,
        (SELECT count(*) FROM (SELECT "talkId" FROM "TalkSpeaker" WHERE "organisationId" = pairs.a INTERSECT SELECT "talkId" FROM "TalkSpeaker" WHERE "organisationId" = pairs.b) t)::int AS "sharedTalks",
        (SELECT count(*) FROM (SELECT t."conferenceId" FROM "TalkSpeaker" s JOIN "Talk" t ON t.id = s."talkId" WHERE s."organisationId" = pairs.a
                               INTERSECT SELECT t."conferenceId" FROM "TalkSpeaker" s JOIN "Talk" t ON t.id = s."talkId" WHERE s."organisationId" = pairs.b) c)::int AS "sharedConferences",
        0 AS "sharedOrganisations",
        (SELECT count(*) FROM (SELECT p FROM people WHERE o = pairs.a INTERSECT SELECT p FROM people WHERE o = pairs.b) s)::int AS "sharedPeople"
      FROM pairs
    )
    SELECT a.slug AS "firstSlug", a.name AS "firstName", (SELECT count(*) FROM "TalkSpeaker" s WHERE s."organisationId" = a.id)::int AS "firstTalks",
           b.slug AS "secondSlug", b.name AS "secondName", (SELECT count(*) FROM "TalkSpeaker" s WHERE s."organisationId" = b.id)::int AS "secondTalks",
           e.similarity, e."sharedTalks", e."sharedConferences", e."sharedOrganisations", e."sharedPeople",
           (e.similarity + ${SHARED_WEIGHT.person}::float8 * least(e."sharedPeople", 2) + ${SHARED_WEIGHT.talk}::float8 * least(e."sharedTalks", 2)
              + ${SHARED_WEIGHT.conference}::float8 * least(e."sharedConferences", 3))::float8 AS score
      FROM evidence e JOIN "Organisation" a ON a.id = e.a JOIN "Organisation" b ON b.id = e.b
     ORDER BY score DESC, a.slug, b.slug
     LIMIT ${first}::int`;
}
