// Topics: subjects that link talks across conferences.
import { builder } from '../builder.js';
import { prisma } from '../db/prisma.js';
import { TalkFilter, TalkOrder, talkOrderBy, talkWhere } from './talks.js';

export const Topic = builder.prismaNode('Topic', {
  id: { field: 'id' },
  nullable: true,
  fields: (t) => ({
    slug: t.exposeString('slug'),
    name: t.exposeString('name'),
    talks: t.relatedConnection('talks', {
      cursor: 'id',
      totalCount: true,
      args: { filter: t.arg({ type: TalkFilter }), orderBy: t.arg({ type: TalkOrder }) },
      query: (args) => ({ where: talkWhere(args.filter), orderBy: talkOrderBy(args.orderBy) }),
    }),
  }),
});

builder.queryFields((t) => ({
  topic: t.prismaField({
    type: Topic,
    nullable: true,
    args: { slug: t.arg.string({ required: true }) },
    resolve: (query, _root, args) => prisma().topic.findUnique({ ...query, where: { slug: args.slug } }),
  }),
  topics: t.prismaConnection({
    type: Topic,
    cursor: 'id',
    args: { search: t.arg.string({ description: 'Part of the name (case-insensitive).' }) },
    resolve: (query, _root, args) =>
      prisma().topic.findMany({
        ...query,
        where: args.search ? { name: { contains: args.search, mode: 'insensitive' } } : {},
        orderBy: [{ name: 'asc' }, { id: 'asc' }],
      }),
    totalCount: (_root, args) =>
      prisma().topic.count({ where: args.search ? { name: { contains: args.search, mode: 'insensitive' } } : {} }),
  }),
}));
