// Topics: subjects that link talks across conferences.
import { builder } from '../builder.js';
import { talkConnection } from './facets.js';
import { topicRecord } from '../dataset/format.js';
import { bySlug, connection, countedEdges, rootConnection } from '../read/fields.js';
import type { PageArgs } from '../read/reader.js';
import { containsWordOf } from '../read/conditions.js';
import { asc, through } from '../read/statements.js';
import { mostTalks, spokeOnTopic } from '../read/topics.js';
import {
  adminWrites,
  cascade,
  changed,
  checked,
  committed,
  deleteNode,
  deletePayload,
  existingId,
  fieldsOf,
  notNull,
  type PayloadFieldBuilder,
  row,
  slugOrFrom,
  writes,
} from './mutation-support.js';
import { type OrganisationRow, organisations, people, type PersonRow, topics, type TopicRow } from './tables.js';
import { talkListArgs, talksWhere } from './talks/filter.js';

const peopleOnTopic = spokeOnTopic('personId');
const organisationsOnTopic = spokeOnTopic('organisationId');

export const Topic = builder.node(builder.objectRef<TopicRow>('Topic'), {
  id: { resolve: (topic) => topic.id },
  fields: (t) => ({
    slug: t.exposeString('slug'),
    name: t.exposeString('name'),
    talks: t.connection({
      type: 'Talk',
      args: talkListArgs(t.arg),
      ...connection(talksWhere(through('_TalkToTopic', 'B', 'A'))),
    }, talkConnection, countedEdges),
    people: t.connection(
      {
        type: 'Person',
        description: 'People who spoke on the topic, most talks first; each edge’s count is their talks on it.',
        ...connection<PersonRow, PageArgs>({
          target: people,
          where: (row, _args, topic) => peopleOnTopic.where(row, topic),
          orderBy: peopleOnTopic.orderBy,
        }),
      },
      {},
      countedEdges,
    ),
    organisations: t.connection(
      {
        type: 'Organisation',
        description: 'Organisations whose speakers covered the topic, most talks first; each edge’s count is their talks on it.',
        ...connection<OrganisationRow, PageArgs>({
          target: organisations,
          where: (row, _args, topic) => organisationsOnTopic.where(row, topic),
          orderBy: organisationsOnTopic.orderBy,
        }),
      },
      {},
      countedEdges,
    ),
  }),
});

export const TopicOrder = builder.enumType('TopicOrder', {
  values: {
    NAME: { description: 'Alphabetically by name.' },
    MOST_TALKS: { description: 'Most talks first; each edge’s count is that number.' },
  } as const,
});

builder.queryFields((t) => ({
  topic: t.field({
    type: Topic,
    nullable: true,
    args: { slug: t.arg.string({ required: true }) },
    ...bySlug(topics),
  }),
  topics: t.connection(
    {
      type: Topic,
      args: {
        search: t.arg.string({ description: 'Part of the name (case-insensitive).' }),
        orderBy: t.arg({ type: TopicOrder }),
      },
      ...rootConnection<TopicRow, { search?: string | null; orderBy?: typeof TopicOrder.$inferType | null } & PageArgs>({
        target: topics,
        where: (row, args) => (args.search ? containsWordOf('name', args.search)(row) : undefined),
        orderBy: (args) =>
          args.orderBy === 'MOST_TALKS'
            ? mostTalks()
            : [asc('name')],
      }),
    },
    {},
    countedEdges,
  ),
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
    ...writes,
    resolve: async (_root, { input }, { prisma }) => {
      const data = checked(topicRules, { ...fieldsOf(input), slug: slugOrFrom(input.slug, input.name) });
      const created = await committed(
        prisma,
        (tx) => tx.topic.create({ data: { slug: data.slug!, name: data.name! }, select: { id: true } }),
        ({ id }) => [row('Topic', 'CREATED', id)],
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
    ...writes,
    resolve: async (_root, { input }, { prisma }) => {
      const data = checked(topicRules, { name: notNull(input.name, 'name'), slug: notNull(input.slug, 'slug') });
      const id = await existingId(prisma, 'Topic', input.id, 'id');
      await committed(prisma, (tx) => tx.topic.update({ where: { id }, data, select: { id: true } }), () => [row('Topic', 'UPDATED', id)]);
      return { topicId: id };
    },
  },
  { outputFields: changedTopic },
);

builder.relayMutationField(
  'deleteTopic',
  { inputFields: (t) => ({ id: t.globalID({ required: true }) }) },
  {
    ...adminWrites,
    description: 'Deletes a topic; the talks that covered it stay.',
    resolve: (_root, { input }, { prisma }) =>
      deleteNode(prisma, 'Topic', input.id, async (tx, id) => [
        cascade('Talk', await tx.talk.count({ where: { topics: { some: { id } } } }), 'UNLINKED'),
      ]),
  },
  deletePayload,
);
