// Organisations: the Organisation node, its staff (affiliations), the talks its people gave, the
// reactions its staff made, and the articles it published.
import { builder } from '../builder.js';
import { organisationRecord } from '../dataset/format.js';
import { prisma } from '../db/prisma.js';
import type { Prisma } from '../generated/prisma/client.js';
import { OrganisationKindEnum } from './enums.js';
import {
  adminScopes,
  cascade,
  checked,
  deleteNode,
  deletePayload,
  existingId,
  fieldsOf,
  type InputFieldBuilder,
  notNull,
  type PayloadFieldBuilder,
  slugOrFrom,
  writeScopes,
  writing,
} from './mutation-support.js';
import { reactionListArgs, reactionListQuery } from './reactions.js';
import { Talk, talkListArgs, talkOrderBy, talkWhere } from './talks/index.js';

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
      args: talkListArgs(t.arg),
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
      args: reactionListArgs(t.arg),
      query: reactionListQuery,
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
      spokeAt: t.arg.stringList({
        description: 'Conference slugs: only organisations a speaker represented at every one of them.',
      }),
      orderBy: t.arg({ type: OrganisationOrder }),
    },
    resolve: (query, _root, args) =>
      prisma().organisation.findMany({ ...query, where: organisationWhere(args), orderBy: organisationOrderBy(args.orderBy) }),
    totalCount: (_root, args) => prisma().organisation.count({ where: organisationWhere(args) }),
  }),
}));

function organisationWhere(args: {
  search?: string | null;
  kind?: Prisma.OrganisationWhereInput['kind'] | null;
  spokeAt?: string[] | null;
}): Prisma.OrganisationWhereInput {
  return {
    ...(args.search ? { name: { contains: args.search, mode: 'insensitive' as const } } : {}),
    ...(args.kind ? { kind: args.kind } : {}),
    ...(args.spokeAt?.length
      ? { AND: args.spokeAt.map((slug) => ({ representedTalks: { some: { talk: { conference: { slug } } } } })) }
      : {}),
  };
}

// Mutations ---------------------------------------------------------------------------------------

const organisationInputFields = (t: InputFieldBuilder) => ({
  description: t.string(),
  website: t.string(),
});

const organisationRules = organisationRecord.partial();

/** The organisation a write changed, read again with the caller's selection so nested fields stay one query. */
const changedOrganisation = (t: PayloadFieldBuilder<{ organisationId: number }>) => ({
  organisation: t.prismaField({
    type: Organisation,
    resolve: (query, changed) => prisma().organisation.findUniqueOrThrow({ ...query, where: { id: changed.organisationId } }),
  }),
});

builder.relayMutationField(
  'createOrganisation',
  {
    inputFields: (t) => ({
      name: t.string({ required: true }),
      slug: t.string({ description: 'Defaults to one made from the name.' }),
      kind: t.field({ type: OrganisationKindEnum, required: true, defaultValue: 'COMPANY' }),
      ...organisationInputFields(t),
    }),
  },
  {
    authScopes: writeScopes,
    errors: { directResult: true },
    resolve: async (_root, { input }) => {
      const data = checked(organisationRules, { ...fieldsOf(input), slug: slugOrFrom(input.slug, input.name) });
      const created = await writing(() =>
        prisma().organisation.create({ data: { ...data, slug: data.slug!, name: data.name! }, select: { id: true } }),
      );
      return { organisationId: created.id };
    },
  },
  { outputFields: changedOrganisation },
);

builder.relayMutationField(
  'updateOrganisation',
  {
    inputFields: (t) => ({
      id: t.globalID({ required: true }),
      name: t.string({ description: 'Leave out to keep.' }),
      slug: t.string({ description: 'Leave out to keep.' }),
      kind: t.field({ type: OrganisationKindEnum, description: 'Leave out to keep.' }),
      ...organisationInputFields(t),
    }),
  },
  {
    authScopes: writeScopes,
    errors: { directResult: true },
    resolve: async (_root, { input }) => {
      const { id: globalId, ...fields } = fieldsOf(input);
      const data = checked(organisationRules, {
        ...fields,
        name: notNull(fields.name, 'name'),
        slug: notNull(fields.slug, 'slug'),
        kind: notNull(fields.kind, 'kind'),
      });
      const id = await existingId('Organisation', globalId, 'id');
      await writing(() => prisma().organisation.update({ where: { id }, data }));
      return { organisationId: id };
    },
  },
  { outputFields: changedOrganisation },
);

builder.relayMutationField(
  'deleteOrganisation',
  { inputFields: (t) => ({ id: t.globalID({ required: true }) }) },
  {
    authScopes: adminScopes,
    errors: { directResult: true },
    description:
      'Deletes an organisation with its staff roles. Speaker roles, reactions and articles that named it stay, without the organisation.',
    resolve: (_root, { input }) =>
      deleteNode('Organisation', input.id, async (tx, id) => [
        cascade('Affiliation', await tx.affiliation.count({ where: { organisationId: id } })),
        cascade('Speaker', await tx.talkSpeaker.count({ where: { organisationId: id } }), 'UNLINKED'),
        cascade('Reaction', await tx.reaction.count({ where: { organisationId: id } }), 'UNLINKED'),
        cascade('Article', await tx.article.count({ where: { publisherId: id } }), 'UNLINKED'),
      ]),
  },
  deletePayload,
);
