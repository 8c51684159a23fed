// The statements behind Talk.similar and Talk.coHighlighted. Each answers for every parent talk of
// a level at once (rows carry "$parent"), and each reads a bounded amount whatever the graph holds:
// the words of a talk are at most MAX_WORDS of its own, each looked up in the search index for at
// most WORD_MATCHES talks; topics, speakers and organisations read the talks they link.
import type { Sql } from '../db/sql.js';
import { Prisma } from '../generated/prisma/client.js';

/** Words of a talk the text similarity looks for. */
const MAX_WORDS = 12;
/** Talks read from the search index per word; a word in this many is too common to make two talks alike. */
const WORD_MATCHES = 100;
/** A word in more than this share of all talks ("talk", "open", "source") says little about a talk... */
const COMMON_WORD_SHARE = 0.02;
/** ...when that share is more than this many talks: in a small graph no word is common. */
const COMMON_WORD_TALKS = 50;

export interface SimilarRow {
  talk: number;
  score: number;
  topics: number[];
  speakers: number[];
  organisations: number[];
  words: string[];
}

// How alike two talks are: each topic, speaker or organisation they share adds ln 2 / ln(1 + n),
// where n is the number of other talks it links (1 for a link to a single talk, 0.5 for three, less
// and less for hubs), half that for an organisation; the text adds 10 x ts_rank of the other talk's
// search document against this talk's distinctive words (0.5 to 1.5 for talks that share two to
// eight of them), counted only when they share at least two words that are in fewer than
// WORD_MATCHES talks.
const TEXT_WEIGHT = 10;
const ORGANISATION_WEIGHT = 0.5;

/** Talks like each of `parents` (an int[] expression), at most `first` each, best first; scores to three decimals. */
export function similarTalksStatement(ids: Sql, first: number): Sql {
  return Prisma.sql`
    WITH parent AS MATERIALIZED (
      SELECT t."id", t."searchVector" AS v, concat_ws(E'\n', t."title", t."subtitle", t."abstract") AS text,
        (CASE WHEN t."language" ILIKE 'de%' THEN 'german' ELSE 'english' END)::regconfig AS config
      FROM "Talk" t WHERE t."id" = ANY(${ids}) AND t."searchVector" IS NOT NULL
    ),
    -- The words too common to tell talks apart, from the statistics ANALYZE keeps on the search
    -- documents (none before the first ANALYZE, or in a graph too small for any word to be common).
    -- The list of frequencies ends with three summary figures that stand for no word.
    common AS MATERIALIZED (
      SELECT u.lexeme
      FROM pg_stats s
      CROSS JOIN (SELECT c.reltuples FROM pg_class c WHERE c.oid = to_regclass('"Talk"')) size
      CROSS JOIN LATERAL unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) u(lexeme, share)
      WHERE s.schemaname = current_schema() AND s.tablename = 'Talk' AND s.attname = 'searchVector'
        AND u.lexeme IS NOT NULL AND u.share > ${COMMON_WORD_SHARE} AND u.share * size.reltuples > ${COMMON_WORD_TALKS}
    ),
    -- A talk's distinctive words: title words first, then subtitle, then abstract; the most used first.
    candidate_word AS (
      SELECT p."id" AS parent, u.lexeme,
        row_number() OVER (PARTITION BY p."id" ORDER BY (SELECT min(w) FROM unnest(u.weights) w), cardinality(u.positions) DESC, u.lexeme) AS n
      FROM parent p CROSS JOIN LATERAL unnest(p.v) u
      WHERE u.lexeme NOT IN (SELECT lexeme FROM common) AND length(u.lexeme) >= 3 AND u.lexeme !~ '[[:punct:]]' AND u.lexeme !~ '^[0-9]+$'
    ),
    word AS (SELECT parent, lexeme, ('''' || lexeme || '''')::tsquery AS query FROM candidate_word WHERE n <= ${MAX_WORDS}),
    words AS (SELECT parent, string_agg('''' || lexeme || '''', ' | ')::tsquery AS query, array_agg(lexeme) AS lexemes FROM word GROUP BY parent),
    -- Each word's talks, at most WORD_MATCHES of them: a word found that often is too common to
    -- say two talks are alike (the statistics above may not exist, or be stale).
    lookup AS (
      SELECT word.parent, word.lexeme, m."id" AS talk, count(*) OVER (PARTITION BY word.parent, word.lexeme) AS found
      FROM word CROSS JOIN LATERAL (SELECT x."id" FROM "Talk" x WHERE x."searchVector" @@ word.query LIMIT ${WORD_MATCHES}) m
    ),
    text_match AS (
      SELECT c.parent, c.talk, ts_rank(x."searchVector", w.query) AS rank
      FROM (
        SELECT parent, talk FROM lookup WHERE found < ${WORD_MATCHES} AND talk <> parent
        GROUP BY 1, 2 HAVING count(*) >= 2
      ) c
      JOIN words w ON w.parent = c.parent JOIN "Talk" x ON x."id" = c.talk
    ),
    topic_match AS (
      SELECT m.parent, m.talk, m.topic, ln(2) / ln(1 + count(*) OVER (PARTITION BY m.parent, m.topic)) AS weight
      FROM (
        SELECT a."A" AS parent, b."A" AS talk, a."B" AS topic
        FROM "_TalkToTopic" a JOIN "_TalkToTopic" b ON b."B" = a."B" AND b."A" <> a."A"
        WHERE a."A" = ANY(${ids})
      ) m
    ),
    speaker_match AS (
      SELECT m.parent, m.talk, m.person, ln(2) / ln(1 + count(*) OVER (PARTITION BY m.parent, m.person)) AS weight
      FROM (
        SELECT a."talkId" AS parent, b."talkId" AS talk, a."personId" AS person
        FROM "TalkSpeaker" a JOIN "TalkSpeaker" b ON b."personId" = a."personId" AND b."talkId" <> a."talkId"
        WHERE a."talkId" = ANY(${ids})
      ) m
    ),
    -- A talk's organisations: those its speakers represented on it, and those they work at. UNION,
    -- here and below, not UNION ALL: a speaker with several roles at one organisation links it once.
    parent_organisation AS (
      SELECT s."talkId" AS parent, s."organisationId" AS organisation FROM "TalkSpeaker" s
      WHERE s."talkId" = ANY(${ids}) AND s."organisationId" IS NOT NULL
      UNION
      SELECT s."talkId", a."organisationId" FROM "TalkSpeaker" s JOIN "Affiliation" a ON a."personId" = s."personId"
      WHERE s."talkId" = ANY(${ids})
    ),
    organisation_match AS (
      SELECT m.parent, m.talk, m.organisation, ${ORGANISATION_WEIGHT} * ln(2) / ln(1 + count(*) OVER (PARTITION BY m.parent, m.organisation)) AS weight
      FROM (
        SELECT po.parent, s."talkId" AS talk, po.organisation
        FROM parent_organisation po JOIN "TalkSpeaker" s ON s."organisationId" = po.organisation
        UNION
        SELECT po.parent, s."talkId", po.organisation
        FROM parent_organisation po JOIN "Affiliation" a ON a."organisationId" = po.organisation JOIN "TalkSpeaker" s ON s."personId" = a."personId"
      ) m
      WHERE m.talk <> m.parent
    ),
    reason AS (
      SELECT parent, talk, NULL::int AS topic, NULL::int AS person, NULL::int AS organisation, 0::float8 AS weight, rank FROM text_match
      UNION ALL SELECT parent, talk, topic, NULL, NULL, weight, 0 FROM topic_match
      UNION ALL SELECT parent, talk, NULL, person, NULL, weight, 0 FROM speaker_match
      UNION ALL SELECT parent, talk, NULL, NULL, organisation, weight, 0 FROM organisation_match
    ),
    scored AS (
      SELECT parent, talk, sum(weight) + ${TEXT_WEIGHT} * max(rank) AS score,
        coalesce(array_agg(topic ORDER BY topic) FILTER (WHERE topic IS NOT NULL), '{}') AS topics,
        coalesce(array_agg(person ORDER BY person) FILTER (WHERE person IS NOT NULL), '{}') AS speakers,
        coalesce(array_agg(organisation ORDER BY organisation) FILTER (WHERE organisation IS NOT NULL), '{}') AS organisations
      FROM reason GROUP BY parent, talk
    ),
    best AS (
      SELECT * FROM (SELECT s.*, row_number() OVER (PARTITION BY s.parent ORDER BY s.score DESC, s.talk) AS n FROM scored s) ranked
      WHERE n <= ${first}
    ),
    -- The words as the talk spells them: its text with the distinctive words marked, each mark
    -- turned back into the words it stands for.
    spelling AS (
      SELECT DISTINCT ON (p."id", l.lexeme) p."id" AS parent, l.lexeme, m.mark[1] AS spelt, m.n
      FROM parent p JOIN words w ON w.parent = p."id"
      CROSS JOIN LATERAL regexp_matches(ts_headline(p.config, p.text, w.query, 'HighlightAll=true, StartSel=⟦, StopSel=⟧'), '⟦([^⟧]+)⟧', 'g') WITH ORDINALITY m(mark, n)
      CROSS JOIN LATERAL unnest(to_tsvector(p.config, m.mark[1])) l
      ORDER BY p."id", l.lexeme, m.n
    )
    SELECT b.parent AS "$parent", b.talk, floor(b.score::float8 * 1000 + 0.5) / 1000 AS score, b.topics, b.speakers, b.organisations,
      coalesce(ARRAY(
        SELECT coalesce(sp.spelt, shared.lexeme) FROM unnest(w.lexemes) shared(lexeme)
        LEFT JOIN spelling sp ON sp.parent = b.parent AND sp.lexeme = shared.lexeme
        WHERE shared.lexeme = ANY(tsvector_to_array(x."searchVector"))
        GROUP BY 1 ORDER BY min(sp.n) NULLS LAST, 1
      ), '{}') AS words
    FROM best b JOIN "Talk" x ON x."id" = b.talk LEFT JOIN words w ON w.parent = b.parent
    ORDER BY b.parent, b.n`;
}

export interface CoHighlightedRow {
  talk: number;
  people: number[];
  /** How many people: the length of `people`. */
  count: number;
}

/** The reaction kinds that single a talk out. */
export const HIGHLIGHT_KINDS = ['HIGHLIGHT', 'DAY_HIGHLIGHT', 'RECOMMENDATION'] as const;

/** For each of `parents` (an int[] expression), the other talks highlighted by people who highlighted it: most such people first, at most `first`. */
export function coHighlightedStatement(parents: Sql, first: number): Sql {
  const kinds = Prisma.sql`${[...HIGHLIGHT_KINDS]}::text[]`;
  return Prisma.sql`
    SELECT "$parent", talk, people, count FROM (
      SELECT m."$parent", m.talk, array_agg(m.person ORDER BY m.person) AS people, count(*)::int AS count,
        row_number() OVER (PARTITION BY m."$parent" ORDER BY count(*) DESC, m.talk) AS n
      FROM (
        SELECT DISTINCT mine."talkId" AS "$parent", theirs."talkId" AS talk, theirs."personId" AS person
        FROM "Reaction" mine JOIN "Reaction" theirs ON theirs."personId" = mine."personId" AND theirs."talkId" <> mine."talkId"
        WHERE mine."talkId" = ANY(${parents}) AND mine."kind"::text = ANY(${kinds}) AND theirs."kind"::text = ANY(${kinds})
      ) m
      GROUP BY m."$parent", m.talk
    ) ranked
    WHERE n <= ${first}
    ORDER BY "$parent", n`;
}
