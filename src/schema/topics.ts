// Topics: subjects that link talks across conferences.
import { builder } from '../builder.js';
import { topicRecord } from '../dataset/format.js';
import { prisma } from '../db/prisma.js';
import {
  adminScopes,
  cascade,
  checked,
  deleteNode,
  deletePayload,
  existingId,
  fieldsOf,
  notNull,
  type PayloadFieldBuilder,
  slugOrFrom,
  writeScopes,
  writing,
} from './mutation-support.js';
import { talkListArgs, talkListQuery } from './talks/index.js';

export const Topic = builder.prismaNode('Topic', {
  id: { field: 'id' },
  nullable: true,
  fields: (t) => ({
    slug: t.exposeString('slug'),
    name: t.exposeString('name'),
    talks: t.relatedConnection('talks', {
      cursor: 'id',
      totalCount: true,
      args: talkListArgs(t.arg),
      query: talkListQuery,
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

// Mutations ---------------------------------------------------------------------------------------

const topicRules = topicRecord.partial();

/** The topic a write changed, read again with the caller's selection so nested fields stay one query. */
const changedTopic = (t: PayloadFieldBuilder<{ topicId: number }>) => ({
  topic: t.prismaField({
    type: Topic,
    resolve: (query, changed) => prisma().topic.findUniqueOrThrow({ ...query, where: { id: changed.topicId } }),
  }),
});

builder.relayMutationField(
  'createTopic',
  {
    inputFields: (t) => ({
      name: t.string({ required: true }),
      slug: t.string({ description: 'Defaults to one made from the name.' }),
    }),
  },
  {
    authScopes: writeScopes,
    errors: { directResult: true },
    resolve: async (_root, { input }) => {
      const data = checked(topicRules, { ...fieldsOf(input), slug: slugOrFrom(input.slug, input.name) });
      const created = await writing(() =>
        prisma().topic.create({ data: { slug: data.slug!, name: data.name! }, select: { id: true } }),
      );
      return { topicId: created.id };
    },
  },
  { outputFields: changedTopic },
);

builder.relayMutationField(
  'updateTopic',
  {
    inputFields: (t) => ({
      id: t.globalID({ required: true }),
      name: t.string({ description: 'Leave out to keep.' }),
      slug: t.string({ description: 'Leave out to keep.' }),
    }),
  },
  {
    authScopes: writeScopes,
    errors: { directResult: true },
    resolve: async (_root, { input }) => {
      const data = checked(topicRules, { name: notNull(input.name, 'name'), slug: notNull(input.slug, 'slug') });
      const id = await existingId('Topic', input.id, 'id');
      await writing(() => prisma().topic.update({ where: { id }, data }));
      return { topicId: id };
    },
  },
  { outputFields: changedTopic },
);

builder.relayMutationField(
  'deleteTopic',
  { inputFields: (t) => ({ id: t.globalID({ required: true }) }) },
  {
    authScopes: adminScopes,
    errors: { directResult: true },
    description: 'Deletes a topic; the talks that covered it stay.',
    resolve: (_root, { input }) =>
      deleteNode('Topic', input.id, async (tx, id) => [
        cascade('Talk', await tx.talk.count({ where: { topics: { some: { id } } } }), 'UNLINKED'),
      ]),
  },
  deletePayload,
);
