// Organisations: the Organisation node, its staff (affiliations), the talks its people gave, the
// reactions its staff made, and the articles it published.
import { builder } from '../builder.js';
import { prisma } from '../db/prisma.js';
import type { Prisma } from '../generated/prisma/client.js';
import { OrganisationKindEnum } from './enums.js';
import { ReactionFilter, reactionOrderBy, ReactionOrder, reactionWhere } from './reactions.js';
import { Talk, TalkFilter, TalkOrder, talkOrderBy, talkWhere } from './talks.js';

export const Organisation = builder.prismaNode('Organisation', {
  id: { field: 'id' },
  nullable: true,
  fields: (t) => ({
    slug: t.exposeString('slug'),
    name: t.exposeString('name'),
    kind: t.expose('kind', { type: OrganisationKindEnum }),
    description: t.exposeString('description', { nullable: true }),
    website: t.exposeString('website', { nullable: true }),
    staff: t.relatedConnection('staff', {
      cursor: 'id',
      totalCount: true,
      description: 'People with a role at the organisation, with their job titles.',
      query: { orderBy: [{ person: { name: 'asc' } }, { id: 'asc' }] },
    }),
    talks: t.prismaConnection({
      type: Talk,
      cursor: 'id',
      description: 'Talks where a speaker represented the organisation.',
      args: { filter: t.arg({ type: TalkFilter }), orderBy: t.arg({ type: TalkOrder }) },
      resolve: (query, organisation, args) =>
        prisma().talk.findMany({
          ...query,
          where: representedBy(organisation.id, args.filter),
          orderBy: talkOrderBy(args.orderBy),
        }),
      totalCount: (organisation, args) => prisma().talk.count({ where: representedBy(organisation.id, args.filter) }),
    }),
    reactions: t.relatedConnection('reactions', {
      cursor: 'id',
      totalCount: true,
      description: 'Reactions its staff made as members of the organisation.',
      args: { filter: t.arg({ type: ReactionFilter }), orderBy: t.arg({ type: ReactionOrder }) },
      query: (args) => ({ where: reactionWhere(args.filter), orderBy: reactionOrderBy(args.orderBy) }),
    }),
    articles: t.relatedConnection('publishedArticles', {
      cursor: 'id',
      totalCount: true,
      description: 'Articles the organisation published.',
      query: { orderBy: [{ publishedOn: { sort: 'desc', nulls: 'last' } }, { id: 'asc' }] },
    }),
  }),
});

function representedBy(organisationId: number, filter: Parameters<typeof talkWhere>[0]): Prisma.TalkWhereInput {
  return { AND: [talkWhere(filter), { speakers: { some: { organisationId } } }] };
}

export const Affiliation = builder.prismaObject('Affiliation', {
  description: 'A person’s role at an organisation.',
  fields: (t) => ({
    jobTitle: t.exposeString('jobTitle', { nullable: true }),
    startedOn: t.expose('startedOn', { type: 'Date', nullable: true }),
    endedOn: t.expose('endedOn', { type: 'Date', nullable: true }),
    person: t.relation('person'),
    organisation: t.relation('organisation'),
  }),
});

export const OrganisationOrder = builder.enumType('OrganisationOrder', {
  values: {
    NAME: { description: 'Alphabetically by name.' },
    MOST_TALKS: { description: 'Most speaker appearances first.' },
  } as const,
});

export function organisationOrderBy(
  order: typeof OrganisationOrder.$inferType | null | undefined,
): Prisma.OrganisationOrderByWithRelationInput[] {
  return order === 'MOST_TALKS'
    ? [{ representedTalks: { _count: 'desc' } }, { name: 'asc' }, { id: 'asc' }]
    : [{ name: 'asc' }, { id: 'asc' }];
}

builder.queryFields((t) => ({
  organisation: t.prismaField({
    type: Organisation,
    nullable: true,
    args: { slug: t.arg.string({ required: true }) },
    resolve: (query, _root, args) => prisma().organisation.findUnique({ ...query, where: { slug: args.slug } }),
  }),
  organisations: t.prismaConnection({
    type: Organisation,
    cursor: 'id',
    args: {
      search: t.arg.string({ description: 'Part of the name (case-insensitive).' }),
      kind: t.arg({ type: OrganisationKindEnum }),
      orderBy: t.arg({ type: OrganisationOrder }),
    },
    resolve: (query, _root, args) =>
      prisma().organisation.findMany({ ...query, where: organisationWhere(args), orderBy: organisationOrderBy(args.orderBy) }),
    totalCount: (_root, args) => prisma().organisation.count({ where: organisationWhere(args) }),
  }),
}));

function organisationWhere(args: { search?: string | null; kind?: Prisma.OrganisationWhereInput['kind'] | null }) {
  return {
    ...(args.search ? { name: { contains: args.search, mode: 'insensitive' as const } } : {}),
    ...(args.kind ? { kind: args.kind } : {}),
  } satisfies Prisma.OrganisationWhereInput;
}
