// Reactions: a person's response to a talk, the organisation they reacted as a member of, and the
// article it was recorded from; the reaction filter every reaction list shares.
import { builder } from '../builder.js';
import { prisma } from '../db/prisma.js';
import type { Prisma } from '../generated/prisma/client.js';
import { ReactionKindEnum } from './enums.js';
import { idOf } from './ids.js';

export const Reaction = builder.prismaNode('Reaction', {
  id: { field: 'id' },
  nullable: true,
  fields: (t) => ({
    kind: t.expose('kind', { type: ReactionKindEnum }),
    summary: t.exposeString('summary'),
    person: t.relation('person'),
    organisation: t.relation('organisation', { nullable: true }),
    talk: t.relation('talk'),
    source: t.relation('article', { description: 'The article the reaction was recorded from.' }),
    recordedAt: t.expose('createdAt', { type: 'DateTime', description: 'When talkgraph recorded the reaction.' }),
  }),
});

export const ReactionFilter = builder.inputType('ReactionFilter', {
  description: 'Narrows a list of reactions. All given conditions must hold.',
  fields: (t) => ({
    kinds: t.field({ type: [ReactionKindEnum], description: 'Any of these kinds; [HIGHLIGHT, DAY_HIGHLIGHT] for highlights.' }),
    person: t.string({ description: 'Slug of the person who reacted.' }),
    organisation: t.string({ description: 'Slug of the organisation the person reacted as a member of.' }),
    conference: t.string({ description: 'Slug of the conference of the talk reacted to.' }),
    talk: t.globalID({ description: 'ID of the talk reacted to.' }),
    article: t.string({ description: 'Slug of the article the reaction was recorded from.' }),
  }),
});

export const ReactionOrder = builder.enumType('ReactionOrder', {
  values: {
    NEWEST: { description: 'Most recently recorded first.' },
    OLDEST: { description: 'First recorded first.' },
    PERSON: { description: 'By the name of the person who reacted.' },
  } as const,
});

export function reactionWhere(filter: typeof ReactionFilter.$inferInput | null | undefined): Prisma.ReactionWhereInput {
  if (!filter) return {};
  const where: Prisma.ReactionWhereInput = {};
  if (filter.kinds?.length) where.kind = { in: filter.kinds };
  if (filter.person) where.person = { slug: filter.person };
  if (filter.organisation) where.organisation = { slug: filter.organisation };
  if (filter.conference) where.talk = { conference: { slug: filter.conference } };
  if (filter.talk) where.talkId = idOf('Talk', filter.talk, 'filter.talk');
  if (filter.article) where.article = { slug: filter.article };
  return where;
}

export function reactionOrderBy(order: typeof ReactionOrder.$inferType | null | undefined): Prisma.ReactionOrderByWithRelationInput[] {
  switch (order ?? 'OLDEST') {
    case 'NEWEST':
      return [{ createdAt: 'desc' }, { id: 'desc' }];
    case 'PERSON':
      return [{ person: { name: 'asc' } }, { id: 'asc' }];
    default:
      return [{ createdAt: 'asc' }, { id: 'asc' }];
  }
}

builder.queryFields((t) => ({
  reactions: t.prismaConnection({
    type: Reaction,
    cursor: 'id',
    description: 'All reactions, filtered and ordered.',
    args: { filter: t.arg({ type: ReactionFilter }), orderBy: t.arg({ type: ReactionOrder }) },
    resolve: (query, _root, args) =>
      prisma().reaction.findMany({ ...query, where: reactionWhere(args.filter), orderBy: reactionOrderBy(args.orderBy) }),
    totalCount: (_root, args) => prisma().reaction.count({ where: reactionWhere(args.filter) }),
  }),
}));
