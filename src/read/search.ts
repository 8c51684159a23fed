// Full-text search as PostgreSQL does it: a query in web-search syntax ("rust -trust", "memory
// safety", quotes for phrases, or) against the talks' search documents (Talk."searchVector",
// stemmed in English, or German for talks in German), ranked by ts_rank_cd, with snippets from
// ts_headline. Words match as words: "rust" finds "Rust" and "rusty", never "trust".
// Names (people, organisations, conferences, topics, articles) are matched by trigram word
// similarity instead (pg_trgm), which also finds them misspelt.
import type { Sql } from '../db/sql.js';
import { InvalidInputError, LimitExceededError } from '../errors.js';
import { Prisma } from '../generated/prisma/client.js';

/** Longest search text, in characters, and most words; longer ones are refused, not cut. */
export const MAX_SEARCH_LENGTH = 200;
export const MAX_SEARCH_WORDS = 16;

/** The search text a caller gave, checked: trimmed, not empty, within the limits. */
export function searchText(text: string, argument: string): string {
  const trimmed = text.trim();
  if (trimmed === '') throw new InvalidInputError(`${argument}: give at least one word to search for.`, argument);
  if (trimmed.length > MAX_SEARCH_LENGTH) {
    throw new LimitExceededError(`${argument}: ${trimmed.length} characters is more than the ${MAX_SEARCH_LENGTH} a search may have; use fewer, more telling words.`, argument);
  }
  const words = trimmed.split(/\s+/).length;
  if (words > MAX_SEARCH_WORDS) {
    throw new LimitExceededError(`${argument}: ${words} words is more than the ${MAX_SEARCH_WORDS} a search may have; use fewer, more telling words.`, argument);
  }
  return trimmed;
}

/** The query for `text` in both languages the documents are stemmed in. */
export function tsQuery(text: string): Sql {
  return Prisma.sql`(websearch_to_tsquery('english', ${text}) || websearch_to_tsquery('german', ${text}))`;
}

/** The text search configuration a talk's document uses, from its language. */
export function talkConfig(talk: Sql): Sql {
  return Prisma.sql`(CASE WHEN ${talk}."language" ILIKE 'de%' THEN 'german' ELSE 'english' END)::regconfig`;
}

/** Relevance of a talk to the query, between 0 and 1 (rank / (rank + 1)). */
export function talkRank(talk: Sql, text: string): Sql {
  return Prisma.sql`ts_rank_cd(${talk}."searchVector", ${tsQuery(text)}, 32)`;
}

/** The query that finds documents with any of the words, for hits that match only part of a search. */
function anyWordQuery(text: string): Sql {
  const words = searchWords(text).join(' or ');
  return Prisma.sql`(websearch_to_tsquery('english', ${words}) || websearch_to_tsquery('german', ${words}))`;
}

/**
 * A search's two text queries (every word; any word), computed once for a statement in a
 * `WITH q AS (...)`: written out at each use they were planned again for each use.
 */
export function searchQueries(text: string) {
  return {
    cte: Prisma.sql`q AS MATERIALIZED (SELECT ${tsQuery(text)} AS every_word, ${anyWordQuery(text)} AS any_word)`,
    everyWord: Prisma.raw('q.every_word'),
    anyWord: Prisma.raw('q.any_word'),
  };
}

type SearchQueries = ReturnType<typeof searchQueries>;

/**
 * A talk's score in a search across types, 0 to 1: talks with every word rank from 0.5 up by text
 * rank; talks with only some of the words below 0.25, so a misspelt word does not lose them all.
 */
export function talkSearchScore(talk: Sql, queries: SearchQueries): Sql {
  return Prisma.sql`(CASE WHEN ${talk}."searchVector" @@ ${queries.everyWord} THEN 0.5 + 0.5 * ts_rank_cd(${talk}."searchVector", ${queries.everyWord}, 32)
    ELSE 0.5 * ts_rank_cd(${talk}."searchVector", ${queries.anyWord}, 32) END)`;
}

export function talkMatchesAnyWord(talk: Sql, queries: SearchQueries): Sql {
  return Prisma.sql`${talk}."searchVector" @@ ${queries.anyWord}`;
}

export function talkMatches(talk: Sql, text: string): Sql {
  return Prisma.sql`${talk}."searchVector" @@ ${tsQuery(text)}`;
}

/** The words of a search text, for name matching. */
export function searchWords(text: string): string[] {
  return [...new Set(text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((word) => word.length > 1))];
}

/**
 * How closely the query's words match the words of a name, 0 to 1: half the best word's similarity,
 * half the average over all query words, so "lennart poettering" scores 1 for the person, and
 * "poetering systemd" still finds him above names that match one word less well. Each word's
 * similarity is squared: a word written as in the name counts 1, one that only resembles a word of
 * it counts much less, so "EPAM Systems" (0.6 like "systemd") falls below the talks that contain
 * the word itself, while a misspelt name is still found.
 */
export function nameSimilarity(name: Sql, text: string): Sql {
  const words = searchWords(text);
  if (words.length === 0) return Prisma.sql`0`;
  const similarities = words.map((word) => Prisma.sql`power(strict_word_similarity(${word}, ${name}), 2)`);
  return Prisma.sql`(0.5 * greatest(${Prisma.join(similarities, ', ')}) + 0.5 * (${Prisma.join(similarities, ' + ')}) / ${words.length})`;
}

/** At least one query word is close to a word of the name; each test can use the trigram index. */
export function nameMatches(name: Sql, text: string): Sql {
  const words = searchWords(text);
  if (words.length === 0) return Prisma.sql`false`;
  return Prisma.sql`(${Prisma.join(words.map((word) => Prisma.sql`${word} <<% ${name}`), ' OR ')})`;
}

// ts_headline marks matches with these; they cannot occur in stored text (control characters).
const open = '\u0002';
const close = '\u0003';

/** A stretch of a document around the words of `query` it holds, for a snippet. */
export function talkHeadline(talk: Sql, query: Sql): Sql {
  const document = Prisma.sql`concat_ws(' — ', ${talk}."title", ${talk}."subtitle", ${talk}."abstract")`;
  return Prisma.sql`ts_headline(${talkConfig(talk)}, ${document}, ${query},
    ${`StartSel=${open}, StopSel=${close}, MaxWords=18, MinWords=6, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "`})`;
}

export interface Snippet {
  text: string;
  /** Where the matched words are in `text`: start offsets and lengths, in UTF-16 code units. */
  highlights: Array<{ start: number; length: number }>;
}

/** A headline's text without the markers, and where they were. */
export function snippet(marked: string): Snippet {
  const highlights: Snippet['highlights'] = [];
  let text = '';
  let start = -1;
  for (const character of marked) {
    if (character === open) start = text.length;
    else if (character === close) {
      if (start >= 0) highlights.push({ start, length: text.length - start });
      start = -1;
    } else text += character;
  }
  return { text, highlights };
}

/** What each kind of hit is found in: its table and the column holding its name. */
const searchTables = {
  TALK: { table: 'Talk', name: 'title' },
  PERSON: { table: 'Person', name: 'name' },
  ORGANISATION: { table: 'Organisation', name: 'name' },
  CONFERENCE: { table: 'Conference', name: 'name' },
  TOPIC: { table: 'Topic', name: 'name' },
  ARTICLE: { table: 'Article', name: 'title' },
} as const;

export type SearchTypeName = keyof typeof searchTables;

/** The best `limit` hits of one type, as (type, id, score). */
function hitsOf(type: SearchTypeName, text: string, queries: SearchQueries, limit: number): Sql {
  const x = Prisma.raw('x');
  const spec = searchTables[type];
  if (type === 'TALK') {
    return Prisma.sql`(SELECT 'TALK' AS type, x."id", ${talkSearchScore(x, queries)}::float8 AS score FROM "Talk" x CROSS JOIN q
      WHERE ${talkMatchesAnyWord(x, queries)} ORDER BY 3 DESC, x."id" LIMIT ${limit})`;
  }
  const name = Prisma.raw(`x."${spec.name}"`);
  return Prisma.sql`(SELECT ${type} AS type, x."id", ${nameSimilarity(name, text)}::float8 AS score FROM ${Prisma.raw(`"${spec.table}"`)} x
    WHERE ${nameMatches(name, text)} ORDER BY 3 DESC, x."id" LIMIT ${limit})`;
}

/**
 * The search across the graph as one statement: the best `first` hits of the `types`, as (type,
 * id, score, text), the text a talk's headline around the matched words or a name.
 */
export function searchStatement(types: SearchTypeName[], text: string, first: number): Sql {
  const x = Prisma.raw('x');
  const queries = searchQueries(text);
  return Prisma.sql`WITH ${queries.cte}
    SELECT h.type, h.id, h.score,
      CASE h.type
        WHEN 'TALK' THEN (SELECT ${talkHeadline(x, queries.anyWord)} FROM "Talk" x CROSS JOIN q WHERE x."id" = h.id)
        WHEN 'PERSON' THEN (SELECT "name" FROM "Person" WHERE "id" = h.id)
        WHEN 'ORGANISATION' THEN (SELECT "name" FROM "Organisation" WHERE "id" = h.id)
        WHEN 'CONFERENCE' THEN (SELECT "name" FROM "Conference" WHERE "id" = h.id)
        WHEN 'TOPIC' THEN (SELECT "name" FROM "Topic" WHERE "id" = h.id)
        ELSE (SELECT "title" FROM "Article" WHERE "id" = h.id)
      END AS text
    FROM (SELECT * FROM (${Prisma.join(types.map((type) => hitsOf(type, text, queries, first)), ' UNION ALL ')}) all_hits
      ORDER BY score DESC, type, id LIMIT ${first}) h
    ORDER BY h.score DESC, h.type, h.id`;
}
