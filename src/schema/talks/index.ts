// Talks: the Talk node, its speakers (the Speaker join), the talk filter every talk list shares,
// and the root fields that find talks. Writes are in ./mutations.ts.
import type { ArgBuilder } from '@pothos/core';
import { builder, type Types } from '../../builder.js';
import { prisma } from '../../db/prisma.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { TalkKindEnum } from '../enums.js';
import { ReactionFilter, reactionListArgs, reactionListQuery, reactionWhere } from '../reactions.js';

export const Talk = builder.prismaNode('Talk', {
  id: { field: 'id' },
  nullable: true,
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
    conference: t.relation('conference'),
    speakers: t.relation('speakers', {
      description: 'The people who gave the talk, in billing order, each with the organisation they represented.',
      query: { orderBy: { position: 'asc' } },
    }),
    topics: t.relation('topics', { query: { orderBy: { name: 'asc' } } }),
    reactions: t.relatedConnection('reactions', {
      cursor: 'id',
      totalCount: true,
      description: 'What people said about the talk, and which organisation they said it as a member of.',
      args: reactionListArgs(t.arg),
      query: reactionListQuery,
    }),
  }),
});

export const Speaker = builder.prismaObject('TalkSpeaker', {
  name: 'Speaker',
  description: 'A person speaking at a talk, and the organisation they represented when giving it.',
  fields: (t) => ({
    position: t.exposeInt('position', { description: 'Place in the talk’s speaker list, starting at 1.' }),
    person: t.relation('person'),
    organisation: t.relation('organisation', { nullable: true, description: 'The organisation represented, when known.' }),
    talk: t.relation('talk'),
  }),
});

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

export function talkWhere(filter: typeof TalkFilter.$inferInput | null | undefined): Prisma.TalkWhereInput {
  if (!filter) return {};
  const and: Prisma.TalkWhereInput[] = [];
  if (filter.conference) and.push({ conference: { slug: filter.conference } });
  if (filter.topic) and.push({ topics: { some: { slug: filter.topic } } });
  if (filter.speaker) and.push({ speakers: { some: { person: { slug: filter.speaker } } } });
  if (filter.organisation) and.push({ speakers: { some: { organisation: { slug: filter.organisation } } } });
  if (filter.kinds?.length) and.push({ kind: { in: filter.kinds } });
  if (filter.day != null) and.push({ day: filter.day });
  if (filter.track) and.push({ track: filter.track });
  for (const word of filter.search?.split(/\s+/).filter(Boolean) ?? []) {
    and.push({
      OR: [
        { title: { contains: word, mode: 'insensitive' } },
        { subtitle: { contains: word, mode: 'insensitive' } },
        { abstract: { contains: word, mode: 'insensitive' } },
      ],
    });
  }
  if (filter.reactedTo) and.push({ reactions: { some: reactionWhere(filter.reactedTo) } });
  return and.length === 1 ? and[0] : { AND: and };
}

export function talkOrderBy(order: typeof TalkOrder.$inferType | null | undefined): Prisma.TalkOrderByWithRelationInput[] {
  switch (order ?? 'SCHEDULE') {
    case 'TITLE':
      return [{ title: 'asc' }, { id: 'asc' }];
    case 'MOST_REACTIONS':
      return [{ reactions: { _count: 'desc' } }, { title: 'asc' }, { id: 'asc' }];
    case 'NEWEST_CONFERENCE':
      return [{ conference: { startsOn: { sort: 'desc', nulls: 'last' } } }, { day: { sort: 'asc', nulls: 'last' } }, { startsAt: { sort: 'asc', nulls: 'last' } }, { id: 'asc' }];
    default:
      return [{ day: { sort: 'asc', nulls: 'last' } }, { startsAt: { sort: 'asc', nulls: 'last' } }, { title: 'asc' }, { id: 'asc' }];
  }
}

/** The arguments every list of talks takes, and the Prisma query they make. */
export const talkListArgs = (arg: ArgBuilder<Types>) => ({
  filter: arg({ type: TalkFilter }),
  orderBy: arg({ type: TalkOrder }),
});

export const talkListQuery = (args: TalkListArgs) => ({
  where: talkWhere(args.filter),
  orderBy: talkOrderBy(args.orderBy),
});

type TalkListArgs = { filter?: typeof TalkFilter.$inferInput | null; orderBy?: typeof TalkOrder.$inferType | null };

builder.queryFields((t) => ({
  talk: t.prismaField({
    type: Talk,
    nullable: true,
    description: 'A talk by its conference’s slug and its own slug.',
    args: { conference: t.arg.string({ required: true }), slug: t.arg.string({ required: true }) },
    resolve: (query, _root, args) =>
      prisma().talk.findFirst({ ...query, where: { slug: args.slug, conference: { slug: args.conference } } }),
  }),
  talks: t.prismaConnection({
    type: Talk,
    cursor: 'id',
    description: 'All talks, filtered and ordered.',
    args: talkListArgs(t.arg),
    resolve: (query, _root, args) =>
      prisma().talk.findMany({ ...query, where: talkWhere(args.filter), orderBy: talkOrderBy(args.orderBy) }),
    totalCount: (_root, args) => prisma().talk.count({ where: talkWhere(args.filter) }),
  }),
}));
