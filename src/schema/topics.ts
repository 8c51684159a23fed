// Topics: subjects that link talks across conferences.
import { builder } from '../builder.js';
import { topicRecord } from '../dataset/format.js';
import { Prisma } from '../generated/prisma/client.js';
import { connection, rootConnection } from '../read/fields.js';
import type { PageArgs } from '../read/reader.js';
import { asc, col, containsWord, through } from '../read/statements.js';
import {
  adminScopes,
  cascade,
  changed,
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
import { topics, type TopicRow } from './tables.js';
import { talkListArgs, talksWhere } from './talks/index.js';

export const Topic = builder.node(builder.objectRef<TopicRow>('Topic'), {
  id: { resolve: (topic) => topic.id },
  fields: (t) => ({
    slug: t.exposeString('slug'),
    name: t.exposeString('name'),
    talks: t.connection({
      type: 'Talk',
      args: talkListArgs(t.arg),
      ...connection(talksWhere(through('_TalkToTopic', 'B', 'A'))),
    }),
  }),
});

builder.queryFields((t) => ({
  topic: t.field({
    type: Topic,
    nullable: true,
    args: { slug: t.arg.string({ required: true }) },
    resolve: (_root, args, context, info) => context.read.find(topics, info, (row) => Prisma.sql`${col(row, 'slug')} = ${args.slug}`),
  }),
  topics: t.connection({
    type: Topic,
    args: { search: t.arg.string({ description: 'Part of the name (case-insensitive).' }) },
    ...rootConnection<TopicRow, { search?: string | null } & PageArgs>({
      target: topics,
      where: (row, args) => (args.search ? containsWord([col(row, 'name')], args.search) : undefined),
      orderBy: () => [asc('name')],
    }),
  }),
}));

// Mutations ---------------------------------------------------------------------------------------

const topicRules = topicRecord.partial();

/** The topic a write changed, read back with the caller's selection. */
const changedTopic = changed('topic', Topic, topics, 'topicId');

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
    resolve: async (_root, { input }, { prisma }) => {
      const data = checked(topicRules, { ...fieldsOf(input), slug: slugOrFrom(input.slug, input.name) });
      const created = await writing(() =>
        prisma.topic.create({ data: { slug: data.slug!, name: data.name! }, select: { id: true } }),
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
    resolve: async (_root, { input }, { prisma }) => {
      const data = checked(topicRules, { name: notNull(input.name, 'name'), slug: notNull(input.slug, 'slug') });
      const id = await existingId(prisma, 'Topic', input.id, 'id');
      await writing(() => prisma.topic.update({ where: { id }, data }));
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
    resolve: (_root, { input }, { prisma }) =>
      deleteNode(prisma, 'Topic', input.id, async (tx, id) => [
        cascade('Talk', await tx.talk.count({ where: { topics: { some: { id } } } }), 'UNLINKED'),
      ]),
  },
  deletePayload,
);
