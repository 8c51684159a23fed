// People: the Person node, their roles at organisations, the talks they gave, their reactions and
// the articles they wrote.
import { builder } from '../builder.js';
import { prisma } from '../db/prisma.js';
import type { Prisma } from '../generated/prisma/client.js';
import { ReactionFilter, reactionOrderBy, ReactionOrder, reactionWhere } from './reactions.js';

export const Person = builder.prismaNode('Person', {
  id: { field: 'id' },
  nullable: true,
  fields: (t) => ({
    slug: t.exposeString('slug'),
    name: t.exposeString('name'),
    bio: t.exposeString('bio', { nullable: true }),
    links: t.exposeStringList('links'),
    affiliations: t.relation('affiliations', {
      description: 'The person’s roles at organisations.',
      query: { orderBy: [{ startedOn: { sort: 'desc', nulls: 'first' } }, { id: 'asc' }] },
    }),
    talks: t.relatedConnection('talks', {
      cursor: 'id',
      totalCount: true,
      description: 'The talks the person gave, each with the organisation they represented.',
      args: { conference: t.arg.string({ description: 'Slug of a conference, to list only its talks.' }) },
      query: (args) => ({
        where: args.conference ? { talk: { conference: { slug: args.conference } } } : {},
        orderBy: [{ talk: { startsAt: { sort: 'desc', nulls: 'last' } } }, { id: 'asc' }],
      }),
    }),
    reactions: t.relatedConnection('reactions', {
      cursor: 'id',
      totalCount: true,
      args: { filter: t.arg({ type: ReactionFilter }), orderBy: t.arg({ type: ReactionOrder }) },
      query: (args) => ({ where: reactionWhere(args.filter), orderBy: reactionOrderBy(args.orderBy) }),
    }),
  }),
});

builder.queryFields((t) => ({
  person: t.prismaField({
    type: Person,
    nullable: true,
    args: { slug: t.arg.string({ required: true }) },
    resolve: (query, _root, args) => prisma().person.findUnique({ ...query, where: { slug: args.slug } }),
  }),
  people: t.prismaConnection({
    type: Person,
    cursor: 'id',
    args: {
      search: t.arg.string({ description: 'Part of the name (case-insensitive).' }),
      organisation: t.arg.string({ description: 'Slug of an organisation the person has a role at.' }),
      spokeAt: t.arg.string({ description: 'Slug of a conference the person spoke at.' }),
    },
    resolve: (query, _root, args) =>
      prisma().person.findMany({ ...query, where: personWhere(args), orderBy: [{ name: 'asc' }, { id: 'asc' }] }),
    totalCount: (_root, args) => prisma().person.count({ where: personWhere(args) }),
  }),
}));

function personWhere(args: { search?: string | null; organisation?: string | null; spokeAt?: string | null }): Prisma.PersonWhereInput {
  return {
    ...(args.search ? { name: { contains: args.search, mode: 'insensitive' } } : {}),
    ...(args.organisation ? { affiliations: { some: { organisation: { slug: args.organisation } } } } : {}),
    ...(args.spokeAt ? { talks: { some: { talk: { conference: { slug: args.spokeAt } } } } } : {}),
  };
}
