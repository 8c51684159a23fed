// Talks: the Talk node, its speakers (the Speaker join), the talk filter every talk list shares,
// and the root fields that find talks. Writes are in ./mutations.ts.
import type { ArgBuilder } from '@pothos/core';
import { builder, type Types } from '../../builder.js';
import { Prisma } from '../../generated/prisma/client.js';
import type { Sql } from '../../db/sql.js';
import { connection, list, maybeOne, one, rootConnection } from '../../read/fields.js';
import { asc, byColumn, col, containsWord, desc, type ParentLink, type Relation, through } from '../../read/statements.js';
import { TalkKindEnum } from '../enums.js';
import { ReactionFilter, reactionConditions, reactionListArgs, reactionsWhere } from '../reactions.js';
import { conferences, organisations, people, speakers, type SpeakerRow, talks, type TalkRow, topics, type TopicRow } from '../tables.js';

export const Talk = builder.node(builder.objectRef<TalkRow>('Talk'), {
  id: { resolve: (talk) => talk.id },
  fields: (t) => ({
    slug: t.exposeString('slug'),
    externalId: t.exposeString('externalId', { nullable: true }),
    title: t.exposeString('title'),
    subtitle: t.exposeString('subtitle', { nullable: true }),
    abstract: t.exposeString('abstract', { nullable: true }),
    kind: t.expose('kind', { type: TalkKindEnum }),
    track: t.exposeString('track', { nullable: true }),
    room: t.exposeString('room', { nullable: true }),
    language: t.exposeString('language', { nullable: true }),
    day: t.exposeInt('day', { nullable: true }),
    startsAt: t.expose('startsAt', { type: 'DateTime', nullable: true }),
    endsAt: t.expose('endsAt', { type: 'DateTime', nullable: true }),
    scheduleUrl: t.exposeString('scheduleUrl', { nullable: true }),
    slidesUrl: t.exposeString('slidesUrl', { nullable: true }),
    recordingUrl: t.exposeString('recordingUrl', { nullable: true }),
    conference: t.field({ type: 'Conference', ...one(conferences, 'conferenceId') }),
    speakers: t.field({
      type: ['Speaker'],
      description: 'The people who gave the talk, in billing order, each with the organisation they represented.',
      ...list(speakersOfTalk),
    }),
    topics: t.field({ type: ['Topic'], ...list(topicsOfTalk) }),
    reactions: t.connection({
      type: 'Reaction',
      description: 'What people said about the talk, and which organisation they said it as a member of.',
      args: reactionListArgs(t.arg),
      ...connection(reactionsWhere(byColumn('talkId'))),
    }),
  }),
});

export const Speaker = builder.objectRef<SpeakerRow>('Speaker').implement({
  fields: (t) => ({
    position: t.exposeInt('position'),
    person: t.field({ type: 'Person', ...one(people, 'personId') }),
    organisation: t.field({
      type: 'Organisation',
      nullable: true,
      description: 'The organisation represented, when known.',
      ...maybeOne(organisations, 'organisationId'),
    }),
    talk: t.field({ type: 'Talk', ...one(talks, 'talkId') }),
  }),
});

const speakersOfTalk: Relation<object, SpeakerRow> = {
  target: speakers,
  parent: byColumn('talkId'),
  orderBy: () => [asc('position')],
};

const topicsOfTalk: Relation<object, TopicRow> = {
  target: topics,
  parent: through('_TalkToTopic', 'A', 'B'),
  orderBy: () => [asc('name')],
};

export const TalkFilter = builder.inputType('TalkFilter', {
  description: 'Narrows a list of talks. All given conditions must hold.',
  fields: (t) => ({
    conference: t.string({ description: 'Slug of the conference.' }),
    topic: t.string({ description: 'Slug of a topic the talk covers.' }),
    speaker: t.string({ description: 'Slug of a person who spoke.' }),
    organisation: t.string({ description: 'Slug of an organisation a speaker represented.' }),
    kinds: t.field({ type: [TalkKindEnum] }),
    day: t.int({ description: 'Day of the conference, the first day being 1.' }),
    track: t.string({ description: 'Exact track name.' }),
    search: t.string({ description: 'Words that must all appear in the title, subtitle or abstract (case-insensitive).' }),
    reactedTo: t.field({
      type: ReactionFilter,
      description: 'Only talks with at least one reaction matching this filter, e.g. highlighted by an organisation’s staff.',
    }),
  }),
});

export const TalkOrder = builder.enumType('TalkOrder', {
  values: {
    SCHEDULE: { description: 'By conference day and start time, then title.' },
    TITLE: { description: 'Alphabetically by title.' },
    MOST_REACTIONS: { description: 'Most reacted-to first.' },
    NEWEST_CONFERENCE: { description: 'Latest conferences first, then schedule order.' },
  } as const,
});

type TalkFilterInput = typeof TalkFilter.$inferInput;

/** The SQL condition a talk filter puts on the talk rows at `row`; undefined when it filters nothing. */
export function talkConditions(filter: TalkFilterInput | null | undefined, row: Sql): Sql | undefined {
  if (!filter) return undefined;
  const id = col(row, 'id');
  const and: Sql[] = [];
  if (filter.conference) and.push(Prisma.sql`${col(row, 'conferenceId')} = (SELECT "id" FROM "Conference" WHERE "slug" = ${filter.conference})`);
  if (filter.topic) {
    and.push(Prisma.sql`${id} IN (SELECT tt."A" FROM "_TalkToTopic" tt JOIN "Topic" tp ON tp."id" = tt."B" WHERE tp."slug" = ${filter.topic})`);
  }
  if (filter.speaker) {
    and.push(Prisma.sql`${id} IN (SELECT fs."talkId" FROM "TalkSpeaker" fs JOIN "Person" fp ON fp."id" = fs."personId" WHERE fp."slug" = ${filter.speaker})`);
  }
  if (filter.organisation) {
    and.push(
      Prisma.sql`${id} IN (SELECT fs."talkId" FROM "TalkSpeaker" fs JOIN "Organisation" fo ON fo."id" = fs."organisationId" WHERE fo."slug" = ${filter.organisation})`,
    );
  }
  if (filter.kinds?.length) and.push(Prisma.sql`${col(row, 'kind')} = ANY(${filter.kinds}::text[]::"TalkKind"[])`);
  if (filter.day != null) and.push(Prisma.sql`${col(row, 'day')} = ${filter.day}`);
  if (filter.track) and.push(Prisma.sql`${col(row, 'track')} = ${filter.track}`);
  for (const word of filter.search?.split(/\s+/).filter(Boolean) ?? []) {
    and.push(containsWord([col(row, 'title'), col(row, 'subtitle'), col(row, 'abstract')], word));
  }
  if (filter.reactedTo) {
    const reaction = Prisma.raw('fr');
    const reacted = reactionConditions(filter.reactedTo, reaction);
    and.push(Prisma.sql`EXISTS (SELECT 1 FROM "Reaction" fr WHERE fr."talkId" = ${id}${reacted ? Prisma.sql` AND ${reacted}` : Prisma.empty})`);
  }
  return and.length ? Prisma.join(and, ' AND ') : undefined;
}

export function talkOrder(order: typeof TalkOrder.$inferType | null | undefined) {
  switch (order ?? 'SCHEDULE') {
    case 'TITLE':
      return [asc('title')];
    case 'MOST_REACTIONS':
      return [desc((row: Sql) => Prisma.sql`(SELECT count(*) FROM "Reaction" o WHERE o."talkId" = ${col(row, 'id')})`, 'nulls last'), asc('title')];
    case 'NEWEST_CONFERENCE':
      return [
        desc((row: Sql) => Prisma.sql`(SELECT o."startsOn" FROM "Conference" o WHERE o."id" = ${col(row, 'conferenceId')})`, 'nulls last'),
        asc('day'),
        asc('startsAt'),
      ];
    default:
      return [asc('day'), asc('startsAt'), asc('title')];
  }
}

/** The arguments every list of talks takes. */
export const talkListArgs = (arg: ArgBuilder<Types>) => ({
  filter: arg({ type: TalkFilter }),
  orderBy: arg({ type: TalkOrder }),
});

type TalkListArgs = { filter?: TalkFilterInput | null; orderBy?: typeof TalkOrder.$inferType | null };

/** A list of talks tied to its parent by `parent` (absent for all talks), filtered and ordered by the list arguments. */
export function talksWhere(parent?: ParentLink): Relation<TalkListArgs, TalkRow> {
  return {
    target: talks,
    parent,
    where: (row, args) => talkConditions(args.filter, row),
    orderBy: (args) => talkOrder(args.orderBy),
  };
}

builder.queryFields((t) => ({
  talk: t.field({
    type: Talk,
    nullable: true,
    description: 'A talk by its conference’s slug and its own slug.',
    args: { conference: t.arg.string({ required: true }), slug: t.arg.string({ required: true }) },
    resolve: (_root, args, context, info) =>
      context.read.find(talks, info, (row) =>
        Prisma.sql`${col(row, 'slug')} = ${args.slug} AND ${col(row, 'conferenceId')} = (SELECT "id" FROM "Conference" WHERE "slug" = ${args.conference})`,
      ),
  }),
  talks: t.connection({
    type: Talk,
    description: 'All talks, filtered and ordered.',
    args: talkListArgs(t.arg),
    ...rootConnection(talksWhere()),
  }),
}));
