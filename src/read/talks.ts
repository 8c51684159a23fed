// The SQL of talk lists: what the TalkFilter input means (./conditions.ts compiles it) and the
// orders of a list of talks, relevance and rankings by reactions included.
import type { Sql } from '../db/sql.js';
import { InvalidInputError } from '../errors.js';
import { Prisma } from '../generated/prisma/client.js';
import type { OrganisationKind, ReactionKind, TalkKind } from '../generated/prisma/enums.js';
import {
  type Combinable,
  type Condition,
  equals,
  filterCondition,
  type FilterRules,
  inArray,
  type IntRangeInput,
  inRange,
  oneOf,
  type Quantified,
  quantified,
  type Related,
  slugRule,
} from './conditions.js';
import type { Lookups } from './lookups.js';
import { reactionFilter, type ReactionFilterInput } from './reactions.js';
import { searchText, talkMatches, talkRank } from './search.js';
import { asc, byCount, col, desc, type OrderKey } from './statements.js';

export interface SpeakerFilterInput {
  person?: string | null;
  organisation?: string | null;
  organisationKinds?: OrganisationKind[] | null;
}

export interface TopicFilterInput {
  slugs?: string[] | null;
}

export interface TalkFilterInput extends Combinable<TalkFilterInput> {
  conference?: string | null;
  conferences?: string[] | null;
  series?: string | null;
  years?: IntRangeInput | null;
  topic?: string | null;
  speaker?: string | null;
  organisation?: string | null;
  kinds?: TalkKind[] | null;
  day?: number | null;
  track?: string | null;
  tracks?: string[] | null;
  language?: string | null;
  search?: string | null;
  startsAfter?: Date | null;
  startsBefore?: Date | null;
  reactedTo?: ReactionFilterInput | null;
  speakers?: Quantified<SpeakerFilterInput> | null;
  topics?: Quantified<TopicFilterInput> | null;
  reactions?: Quantified<ReactionFilterInput> | null;
}

/** A talk's speakers, its reactions and its topic links, as related rows of the talk at `row`. */
const speakersOf = (alias: Sql, row: Sql) => Prisma.sql`FROM "TalkSpeaker" ${alias} WHERE ${alias}."talkId" = ${col(row, 'id')}`;
const reactionsOf = (alias: Sql, row: Sql) => Prisma.sql`FROM "Reaction" ${alias} WHERE ${alias}."talkId" = ${col(row, 'id')}`;
// Prisma's implicit many-to-many table: "A" is the talk, "B" the topic.
const topicLinksOf = (alias: Sql, row: Sql) => Prisma.sql`FROM "_TalkToTopic" ${alias} WHERE ${alias}."A" = ${col(row, 'id')}`;


function speakerRules(lookups: Lookups): FilterRules<SpeakerFilterInput> {
  return {
    person: slugRule(lookups, 'Person', (person) => equals('personId', person)),
    organisation: slugRule(lookups, 'Organisation', (organisation) => equals('organisationId', organisation)),
    organisationKinds: (kinds) =>
      kinds.length
        ? (row) => Prisma.sql`${col(row, 'organisationId')} IN (SELECT "id" FROM "Organisation" WHERE "kind" = ANY(${kinds}::text[]::"OrganisationKind"[]))`
        : undefined,
  };
}

function topicRules(lookups: Lookups): FilterRules<TopicFilterInput> {
  return {
    slugs: (slugs, path) => (slugs.length ? oneOf('B', slugs.map((slug, index) => lookups.id('Topic', slug, `${path}[${index}]`))) : undefined),
  };
}

/** What each field of a TalkFilter means. An empty slug narrows nothing, as if it were not given. */
function talkRules(lookups: Lookups): FilterRules<TalkFilterInput> {
  const conferenceOf = (row: Sql) => col(row, 'conferenceId');
  /** A talk that some row of `related` ties to matches `match` on that row. */
  const hasRelated = (related: Related, match: (alias: Sql) => Sql): Condition => {
    const alias = lookups.alias('fx');
    return (row) => Prisma.sql`EXISTS (SELECT 1 ${related(alias, row)} AND ${match(alias)})`;
  };
  return {
    conference: slugRule(lookups, 'Conference', (conference) => equals('conferenceId', conference)),
    conferences: (slugs, path) => oneOf('conferenceId', slugs.map((slug, index) => lookups.id('Conference', slug, `${path}[${index}]`))),
    series: (series) => (row) => Prisma.sql`${conferenceOf(row)} IN (SELECT "id" FROM "Conference" WHERE "series" = ${series})`,
    years: (range, path) => inRange((row) => Prisma.sql`(SELECT "year" FROM "Conference" WHERE "id" = ${conferenceOf(row)})`, range, path),
    topic: slugRule(lookups, 'Topic', (topic) => hasRelated(topicLinksOf, (link) => Prisma.sql`${link}."B" = ${topic}`)),
    speaker: slugRule(lookups, 'Person', (person) => hasRelated(speakersOf, (speaker) => Prisma.sql`${speaker}."personId" = ${person}`)),
    organisation: slugRule(lookups, 'Organisation', (organisation) => hasRelated(speakersOf, (speaker) => Prisma.sql`${speaker}."organisationId" = ${organisation}`)),
    kinds: (kinds) => (kinds.length ? inArray('kind', kinds, '"TalkKind"[]') : undefined),
    day: (day) => equals('day', day),
    track: (track) => equals('track', track),
    tracks: (tracks) => inArray('track', tracks),
    language: (language) => equals('language', language),
    search: (search, path) => {
      const text = searchText(search, path);
      return (row) => talkMatches(row, text);
    },
    startsAfter: (instant) => (row) => Prisma.sql`${col(row, 'startsAt')} >= ${instant}`,
    startsBefore: (instant) => (row) => Prisma.sql`${col(row, 'startsAt')} < ${instant}`,
    reactedTo: (filter, path) => quantified({ some: filter }, reactionsOf, (each) => reactionFilter(each, lookups, path), lookups, 'fr'),
    reactions: (condition, path) => quantified(condition, reactionsOf, (each) => reactionFilter(each, lookups, path), lookups, 'fr'),
    speakers: (condition, path) => quantified(condition, speakersOf, (each) => filterCondition(each, speakerRules(lookups), path), lookups, 'fs'),
    topics: (condition, path) => quantified(condition, topicLinksOf, (each) => filterCondition(each, topicRules(lookups), path), lookups, 'ft'),
  };
}

/** The condition a talk filter puts on talk rows; undefined when it filters nothing. */
export function talkFilter(filter: TalkFilterInput | null | undefined, lookups: Lookups, path = 'filter'): Condition | undefined {
  return filterCondition(filter, talkRules(lookups), path);
}

export type TalkOrderValue = 'SCHEDULE' | 'TITLE' | 'MOST_REACTIONS' | 'NEWEST_CONFERENCE' | 'RELEVANCE';

export interface TalkListArgs {
  filter?: TalkFilterInput | null;
  orderBy?: TalkOrderValue | null;
  reactionKinds?: ReactionKind[] | null;
}

/** The order of a list of talks; SCHEDULE by default. */
export function talkOrder({ orderBy, filter, reactionKinds }: TalkListArgs): OrderKey[] {
  switch (orderBy ?? 'SCHEDULE') {
    case 'TITLE':
      return [asc('title')];
    case 'MOST_REACTIONS': {
      const kinds = reactionKinds?.length ? Prisma.sql` AND o."kind" = ANY(${reactionKinds}::text[]::"ReactionKind"[])` : Prisma.empty;
      return [byCount((row) => Prisma.sql`(SELECT count(*) FROM "Reaction" o WHERE o."talkId" = ${col(row, 'id')}${kinds})`), asc('title')];
    }
    case 'NEWEST_CONFERENCE':
      return [
        desc((row: Sql) => Prisma.sql`(SELECT o."startsOn" FROM "Conference" o WHERE o."id" = ${col(row, 'conferenceId')})`, 'nulls last'),
        asc('day'),
        asc('startsAt'),
      ];
    case 'RELEVANCE': {
      if (filter?.search == null) throw new InvalidInputError('orderBy: RELEVANCE ranks by filter.search; give a search, or another order.', 'orderBy');
      const text = searchText(filter.search, 'filter.search');
      return [desc((row) => talkRank(row, text), 'nulls last'), asc('day'), asc('startsAt'), asc('title')];
    }
    default:
      return [asc('day'), asc('startsAt'), asc('title')];
  }
}
