// Which talks a list holds and in which order: the TalkFilter every talk list takes (conditions,
// relations with some/every/none, AND/OR/NOT, full-text search, date and year ranges), compiled to
// one SQL condition, and the orders, including relevance and rankings by reactions.
import type { ArgBuilder } from '@pothos/core';
import { builder, type Types } from '../../builder.js';
import type { Sql } from '../../db/sql.js';
import { InvalidInputError } from '../../errors.js';
import { Prisma } from '../../generated/prisma/client.js';
import type { ReactionKind, TalkKind } from '../../generated/prisma/enums.js';
import type { Lookups } from '../../read/lookups.js';
import { searchText, talkMatches, talkRank } from '../../read/search.js';
import { asc, byCount, col, desc, type OrderKey, type ParentLink, type Relation } from '../../read/statements.js';
import { OrganisationKindEnum, ReactionKindEnum, TalkKindEnum } from '../enums.js';
import { ReactionFilter, type ReactionFilterInput, reactionConditions } from '../reactions.js';
import { talks, type TalkRow } from '../tables.js';

export const IntRange = builder.inputType('IntRange', {
  description: 'Whole numbers from `from` to `to`, both included; leave one out for an open end.',
  fields: (t) => ({ from: t.int(), to: t.int() }),
});

interface SpeakerFilterInput {
  person?: string | null;
  organisation?: string | null;
  organisationKinds?: Array<'COMPANY' | 'CONSULTANCY' | 'FOUNDATION' | 'NONPROFIT' | 'COMMUNITY' | 'PROJECT' | 'UNIVERSITY' | 'GOVERNMENT' | 'OTHER'> | null;
}

export const SpeakerFilter = builder.inputRef<SpeakerFilterInput>('SpeakerFilter').implement({
  description: 'Narrows a talk’s speakers: who they are, whom they represented.',
  fields: (t) => ({
    person: t.string({ description: 'Slug of the person.' }),
    organisation: t.string({ description: 'Slug of the organisation they represented.' }),
    organisationKinds: t.field({ type: [OrganisationKindEnum], description: 'Kinds of organisation they represented.' }),
  }),
});

interface TopicFilterInput {
  slugs?: string[] | null;
}

export const TopicFilter = builder.inputRef<TopicFilterInput>('TopicFilter').implement({
  description: 'Narrows a talk’s topics.',
  fields: (t) => ({ slugs: t.stringList({ description: 'Slugs of topics, any of them.' }) }),
});

interface Quantified<Filter> {
  some?: Filter | null;
  every?: Filter | null;
  none?: Filter | null;
}

const quantifiedDescription = (item: string) =>
  `Conditions on a talk’s ${item}: at least one matches (some), all do (every; true when there are none), or none does.`;

const SpeakersCondition = builder.inputRef<Quantified<SpeakerFilterInput>>('SpeakersCondition').implement({
  description: quantifiedDescription('speakers'),
  fields: (t) => ({ some: t.field({ type: SpeakerFilter }), every: t.field({ type: SpeakerFilter }), none: t.field({ type: SpeakerFilter }) }),
});

const TopicsCondition = builder.inputRef<Quantified<TopicFilterInput>>('TopicsCondition').implement({
  description: quantifiedDescription('topics'),
  fields: (t) => ({ some: t.field({ type: TopicFilter }), every: t.field({ type: TopicFilter }), none: t.field({ type: TopicFilter }) }),
});

const ReactionsCondition = builder.inputRef<Quantified<ReactionFilterInput>>('ReactionsCondition').implement({
  description: quantifiedDescription('reactions'),
  fields: (t) => ({ some: t.field({ type: ReactionFilter }), every: t.field({ type: ReactionFilter }), none: t.field({ type: ReactionFilter }) }),
});

export interface TalkFilterInput {
  AND?: TalkFilterInput[] | null;
  OR?: TalkFilterInput[] | null;
  NOT?: TalkFilterInput | null;
  conference?: string | null;
  conferences?: string[] | null;
  series?: string | null;
  years?: { from?: number | null; to?: number | null } | null;
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

export const TalkFilter = builder.inputRef<TalkFilterInput>('TalkFilter').implement({
  description: 'Narrows a list of talks. All given conditions must hold; AND, OR and NOT combine filters.',
  fields: (t) => ({
    AND: t.field({ type: [TalkFilter], description: 'Every one of these filters holds.' }),
    OR: t.field({ type: [TalkFilter], description: 'At least one of these filters holds.' }),
    NOT: t.field({ type: TalkFilter, description: 'This filter does not hold.' }),
    conference: t.string({ description: 'Slug of the conference.' }),
    conferences: t.stringList({ description: 'Slugs of conferences: talks at any of them.' }),
    series: t.string({ description: 'Exact series name of the conferences, e.g. "FOSDEM": talks of every edition.' }),
    years: t.field({ type: IntRange, description: 'Years of the conferences, e.g. { from: 2024, to: 2026 }.' }),
    topic: t.string({ description: 'Slug of a topic the talk covers.' }),
    speaker: t.string({ description: 'Slug of a person who spoke.' }),
    organisation: t.string({ description: 'Slug of an organisation a speaker represented.' }),
    kinds: t.field({ type: [TalkKindEnum] }),
    day: t.int({ description: 'Day of the conference, the first day being 1.' }),
    track: t.string({ description: 'Exact track name.' }),
    tracks: t.stringList({ description: 'Exact track names: talks in any of them.' }),
    language: t.string({ description: 'Language code as the programme gives it, e.g. "en", "de".' }),
    search: t.string({
      description:
        'Full-text search of title, subtitle and abstract in web-search syntax: words (all must appear, stemmed: "containers" finds "container"), "a phrase", or, -excluded. Words match as words: "rust" does not find "trust".',
    }),
    startsAfter: t.field({ type: 'DateTime', description: 'Talks starting at or after this instant.' }),
    startsBefore: t.field({ type: 'DateTime', description: 'Talks starting before this instant.' }),
    reactedTo: t.field({
      type: ReactionFilter,
      description: 'Only talks with at least one reaction matching this filter, e.g. highlighted by an organisation’s staff. Same as reactions: { some: ... }.',
    }),
    speakers: t.field({ type: SpeakersCondition }),
    topics: t.field({ type: TopicsCondition }),
    reactions: t.field({ type: ReactionsCondition }),
  }),
});

/** "Some, every or none of the related rows match": related rows are `from` the talk, `match` is their condition. */
function quantifiers<Filter>(
  condition: Quantified<Filter> | null | undefined,
  related: (alias: Sql) => Sql,
  match: (filter: Filter, alias: Sql) => Sql | undefined,
  lookups: Lookups,
  prefix: string,
): Sql[] {
  if (!condition) return [];
  const out: Sql[] = [];
  const exists = (filter: Filter, negate: boolean) => {
    const alias = lookups.alias(prefix);
    const matched = match(filter, alias) ?? Prisma.sql`true`;
    return Prisma.sql`EXISTS (SELECT 1 ${related(alias)} AND ${negate ? Prisma.sql`NOT (${matched})` : matched})`;
  };
  if (condition.some) out.push(exists(condition.some, false));
  if (condition.none) out.push(Prisma.sql`NOT ${exists(condition.none, false)}`);
  if (condition.every) out.push(Prisma.sql`NOT ${exists(condition.every, true)}`);
  return out;
}

function speakerConditions(filter: SpeakerFilterInput, speaker: Sql, lookups: Lookups, path: string): Sql | undefined {
  const and: Sql[] = [];
  if (filter.person) and.push(Prisma.sql`${col(speaker, 'personId')} = ${lookups.id('Person', filter.person, `${path}.person`)}`);
  if (filter.organisation) {
    and.push(Prisma.sql`${col(speaker, 'organisationId')} = ${lookups.id('Organisation', filter.organisation, `${path}.organisation`)}`);
  }
  if (filter.organisationKinds?.length) {
    and.push(
      Prisma.sql`${col(speaker, 'organisationId')} IN (SELECT "id" FROM "Organisation" WHERE "kind" = ANY(${filter.organisationKinds}::text[]::"OrganisationKind"[]))`,
    );
  }
  return and.length ? Prisma.join(and, ' AND ') : undefined;
}

function topicConditions(filter: TopicFilterInput, link: Sql, lookups: Lookups, path: string): Sql | undefined {
  if (!filter.slugs?.length) return undefined;
  const ids = filter.slugs.map((slug, index) => lookups.id('Topic', slug, `${path}.slugs[${index}]`));
  return Prisma.sql`${link}."B" IN (${Prisma.join(ids, ', ')})`;
}

/** The SQL condition a talk filter puts on the talk rows at `row`; undefined when it filters nothing. */
export function talkConditions(filter: TalkFilterInput | null | undefined, row: Sql, lookups: Lookups, path = 'filter'): Sql | undefined {
  if (!filter) return undefined;
  const id = col(row, 'id');
  const and: Sql[] = [];
  const always = Prisma.sql`true`;
  filter.AND?.forEach((each, index) => and.push(talkConditions(each, row, lookups, `${path}.AND[${index}]`) ?? always));
  if (filter.OR) {
    const alternatives = filter.OR.map((each, index) => talkConditions(each, row, lookups, `${path}.OR[${index}]`) ?? always);
    and.push(alternatives.length ? Prisma.sql`(${Prisma.join(alternatives, ' OR ')})` : Prisma.sql`false`);
  }
  if (filter.NOT) and.push(Prisma.sql`NOT (${talkConditions(filter.NOT, row, lookups, `${path}.NOT`) ?? always})`);
  if (filter.conference) and.push(Prisma.sql`${col(row, 'conferenceId')} = ${lookups.id('Conference', filter.conference, `${path}.conference`)}`);
  if (filter.conferences) {
    const ids = filter.conferences.map((slug, index) => lookups.id('Conference', slug, `${path}.conferences[${index}]`));
    and.push(ids.length ? Prisma.sql`${col(row, 'conferenceId')} IN (${Prisma.join(ids, ', ')})` : Prisma.sql`false`);
  }
  if (filter.series != null) {
    and.push(Prisma.sql`${col(row, 'conferenceId')} IN (SELECT "id" FROM "Conference" WHERE "series" = ${filter.series})`);
  }
  if (filter.years) {
    const { from, to } = filter.years;
    if (from != null && to != null && to < from) throw new InvalidInputError(`${path}.years: "to" (${to}) is before "from" (${from}).`, `${path}.years`);
    const year = Prisma.sql`(SELECT "year" FROM "Conference" WHERE "id" = ${col(row, 'conferenceId')})`;
    if (from != null) and.push(Prisma.sql`${year} >= ${from}`);
    if (to != null) and.push(Prisma.sql`${year} <= ${to}`);
  }
  if (filter.topic) {
    and.push(Prisma.sql`EXISTS (SELECT 1 FROM "_TalkToTopic" WHERE "A" = ${id} AND "B" = ${lookups.id('Topic', filter.topic, `${path}.topic`)})`);
  }
  if (filter.speaker) {
    and.push(Prisma.sql`EXISTS (SELECT 1 FROM "TalkSpeaker" WHERE "talkId" = ${id} AND "personId" = ${lookups.id('Person', filter.speaker, `${path}.speaker`)})`);
  }
  if (filter.organisation) {
    const organisation = lookups.id('Organisation', filter.organisation, `${path}.organisation`);
    and.push(Prisma.sql`EXISTS (SELECT 1 FROM "TalkSpeaker" WHERE "talkId" = ${id} AND "organisationId" = ${organisation})`);
  }
  if (filter.kinds?.length) and.push(Prisma.sql`${col(row, 'kind')} = ANY(${filter.kinds}::text[]::"TalkKind"[])`);
  if (filter.day != null) and.push(Prisma.sql`${col(row, 'day')} = ${filter.day}`);
  if (filter.track != null) and.push(Prisma.sql`${col(row, 'track')} = ${filter.track}`);
  if (filter.tracks) and.push(Prisma.sql`${col(row, 'track')} = ANY(${filter.tracks}::text[])`);
  if (filter.language != null) and.push(Prisma.sql`${col(row, 'language')} = ${filter.language}`);
  if (filter.search != null) and.push(talkMatches(row, searchText(filter.search, `${path}.search`)));
  if (filter.startsAfter) and.push(Prisma.sql`${col(row, 'startsAt')} >= ${filter.startsAfter}`);
  if (filter.startsBefore) and.push(Prisma.sql`${col(row, 'startsAt')} < ${filter.startsBefore}`);
  const reactionsOf = (alias: Sql) => Prisma.sql`FROM "Reaction" ${alias} WHERE ${alias}."talkId" = ${id}`;
  const reacted = (each: ReactionFilterInput, alias: Sql) => reactionConditions(each, alias, lookups, `${path}.reactions`);
  and.push(...quantifiers({ some: filter.reactedTo }, reactionsOf, (each, alias) => reactionConditions(each, alias, lookups, `${path}.reactedTo`), lookups, 'fr'));
  and.push(...quantifiers(filter.reactions, reactionsOf, reacted, lookups, 'fr'));
  and.push(
    ...quantifiers(
      filter.speakers,
      (alias) => Prisma.sql`FROM "TalkSpeaker" ${alias} WHERE ${alias}."talkId" = ${id}`,
      (each, alias) => speakerConditions(each, alias, lookups, `${path}.speakers`),
      lookups,
      'fs',
    ),
  );
  and.push(
    ...quantifiers(
      filter.topics,
      (alias) => Prisma.sql`FROM "_TalkToTopic" ${alias} WHERE ${alias}."A" = ${id}`,
      (each, alias) => topicConditions(each, alias, lookups, `${path}.topics`),
      lookups,
      'ft',
    ),
  );
  return and.length ? Prisma.join(and, ' AND ') : undefined;
}

export const TalkOrder = builder.enumType('TalkOrder', {
  values: {
    SCHEDULE: { description: 'By conference day and start time, then title.' },
    TITLE: { description: 'Alphabetically by title.' },
    MOST_REACTIONS: { description: 'Most reactions first (of the kinds in reactionKinds, when given); each edge’s count is that number.' },
    NEWEST_CONFERENCE: { description: 'Latest conferences first, then schedule order.' },
    RELEVANCE: { description: 'Best match for filter.search first; needs a search.' },
  } as const,
});

type TalkOrderValue = typeof TalkOrder.$inferType;

export interface TalkListArgs {
  filter?: TalkFilterInput | null;
  orderBy?: TalkOrderValue | null;
  reactionKinds?: ReactionKind[] | null;
}

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

/** The arguments every list of talks takes. */
export const talkListArgs = (arg: ArgBuilder<Types>) => ({
  filter: arg({ type: TalkFilter }),
  orderBy: arg({ type: TalkOrder }),
  reactionKinds: arg({ type: [ReactionKindEnum], description: 'For orderBy MOST_REACTIONS: count only reactions of these kinds, e.g. [HIGHLIGHT, DAY_HIGHLIGHT].' }),
});

/** A list of talks tied to its parent by `parent` (absent for all talks), filtered and ordered by the list arguments. */
export function talksWhere(parent?: ParentLink): Relation<TalkListArgs, TalkRow> {
  return {
    target: talks,
    parent,
    where: (row, args, _parent, lookups) => talkConditions(args.filter, row, lookups),
    orderBy: (args) => talkOrder(args),
  };
}
