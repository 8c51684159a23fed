// Organisations: the Organisation node, its staff (affiliations), the talks its people gave, the
// reactions its staff made, and the articles it published.
import { builder } from '../builder.js';
import { reactionConnection, talkConnection } from './facets.js';
import { organisationRecord } from '../dataset/format.js';
import type { Sql } from '../db/sql.js';
import { Prisma } from '../generated/prisma/client.js';
import type { OrganisationKind } from '../generated/prisma/enums.js';
import { bySlug, connection, countedEdges, one, rootConnection } from '../read/fields.js';
import type { Lookups } from '../read/lookups.js';
import type { PageArgs } from '../read/reader.js';
import { asc, byColumn, byCount, col, containsWord, desc, type OrderKey, through } from '../read/statements.js';
import { OrganisationKindEnum } from './enums.js';
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
  type InputFieldBuilder,
  notNull,
  type PayloadFieldBuilder,
  row,
  slugOrFrom,
  writes,
} from './mutation-support.js';
import { reactionListArgs, reactionsWhere } from './reactions.js';
import { ConferenceMatch, conferenceIds, conferencesSpokenAt, spokeAt, talksGiven } from './speaking.js';
import {
  type AffiliationRow,
  affiliations,
  type ArticleRow,
  articles,
  type OrganisationRow,
  organisations,
  people,
  type PersonRow,
} from './tables.js';
import { talkListArgs, talksWhere } from './talks/filter.js';

export const Organisation = builder.node(builder.objectRef<OrganisationRow>('Organisation'), {
  id: { resolve: (organisation) => organisation.id },
  fields: (t) => ({
    slug: t.exposeString('slug'),
    name: t.exposeString('name'),
    kind: t.expose('kind', { type: OrganisationKindEnum }),
    description: t.exposeString('description', { nullable: true }),
    website: t.exposeString('website', { nullable: true }),
    staff: t.connection({
      type: 'Affiliation',
      description: 'People with a role at the organisation, with their job titles.',
      ...connection<AffiliationRow, PageArgs>({
        target: affiliations,
        parent: byColumn('organisationId'),
        orderBy: () => [asc((row) => Prisma.sql`(SELECT o."name" FROM "Person" o WHERE o."id" = ${col(row, 'personId')})`)],
      }),
    }),
    talks: t.connection({
      type: 'Talk',
      description: 'Talks where a speaker represented the organisation.',
      args: talkListArgs(t.arg),
      ...connection(talksWhere(through('TalkSpeaker', 'organisationId', 'talkId'))),
    }, talkConnection, countedEdges),
    speakers: t.connection(
      {
        type: 'Person',
        description: 'People who spoke for the organisation, most talks first; each edge’s count is their talks for it.',
        ...connection<PersonRow, PageArgs>({
          target: people,
          parent: through('TalkSpeaker', 'organisationId', 'personId'),
          orderBy: () => [
            byCount((row, organisation) => Prisma.sql`(SELECT count(*) FROM "TalkSpeaker" o WHERE o."organisationId" = ${organisation} AND o."personId" = ${col(row, 'id')})`),
            asc('name'),
          ],
        }),
      },
      {},
      countedEdges,
    ),
    conferences: t.connection(
      {
        type: 'Conference',
        description: 'Conferences where someone spoke for the organisation, latest first; each edge’s count is its talks there.',
        ...conferencesSpokenAt('organisationId'),
      },
      {},
      countedEdges,
    ),
    reactions: t.connection({
      type: 'Reaction',
      description: 'Reactions its staff made as members of the organisation.',
      args: reactionListArgs(t.arg),
      ...connection(reactionsWhere(byColumn('organisationId'))),
    }, reactionConnection),
    articles: t.connection({
      type: 'Article',
      description: 'Articles the organisation published.',
      ...connection<ArticleRow, PageArgs>({
        target: articles,
        parent: byColumn('publisherId'),
        orderBy: () => [desc('publishedOn', 'nulls last')],
      }),
    }),
  }),
});

export const Affiliation = builder.objectRef<AffiliationRow>('Affiliation').implement({
  fields: (t) => ({
    jobTitle: t.exposeString('jobTitle', { nullable: true }),
    startedOn: t.expose('startedOn', { type: 'Date', nullable: true }),
    endedOn: t.expose('endedOn', { type: 'Date', nullable: true }),
    person: t.field({ type: 'Person', ...one(people, 'personId') }),
    organisation: t.field({ type: 'Organisation', ...one(organisations, 'organisationId') }),
  }),
});

export const OrganisationOrder = builder.enumType('OrganisationOrder', {
  values: {
    NAME: { description: 'Alphabetically by name.' },
    MOST_TALKS: {
      description: 'Most talks first: talks a speaker gave for the organisation, at the conferences the list is about when it names some. Each edge’s count is that number.',
    },
  } as const,
});

type OrganisationOrderValue = typeof OrganisationOrder.$inferType;

/** The order of a list of organisations; MOST_TALKS counts talks at `conferences` when given. */
export function organisationOrder(order: OrganisationOrderValue | null | undefined, conferences?: Sql[]): OrderKey[] {
  return order === 'MOST_TALKS' ? [byCount(talksGiven('organisationId', conferences)), asc('name')] : [asc('name')];
}

type OrganisationListArgs = {
  search?: string | null;
  kind?: OrganisationKind | null;
  spokeAt?: string[] | null;
  spokeAtMatch?: 'ALL' | 'ANY' | null;
  orderBy?: OrganisationOrderValue | null;
};

function organisationConditions(args: OrganisationListArgs, row: Sql, lookups: Lookups): Sql | undefined {
  const and: Sql[] = [];
  if (args.search) and.push(containsWord([col(row, 'name')], args.search));
  if (args.kind) and.push(Prisma.sql`${col(row, 'kind')}::text = ${args.kind}`);
  if (args.spokeAt) and.push(spokeAt(row, 'organisationId', conferenceIds(args.spokeAt, lookups, 'spokeAt'), args.spokeAtMatch ?? 'ALL'));
  return and.length ? Prisma.join(and, ' AND ') : undefined;
}

builder.queryFields((t) => ({
  organisation: t.field({
    type: Organisation,
    nullable: true,
    args: { slug: t.arg.string({ required: true }) },
    ...bySlug(organisations),
  }),
  organisations: t.connection(
    {
      type: Organisation,
      args: {
        search: t.arg.string({ description: 'Part of the name (case-insensitive).' }),
        kind: t.arg({ type: OrganisationKindEnum }),
        spokeAt: t.arg.stringList({
          description: 'Conference slugs: only organisations a speaker represented at every one of them (or any, with spokeAtMatch: ANY).',
        }),
        spokeAtMatch: t.arg({ type: ConferenceMatch, defaultValue: 'ALL' }),
        orderBy: t.arg({ type: OrganisationOrder }),
      },
      ...rootConnection<OrganisationRow, OrganisationListArgs>({
        target: organisations,
        where: (row, args, _parent, lookups) => organisationConditions(args, row, lookups),
        orderBy: (args, lookups) => organisationOrder(args.orderBy, args.spokeAt ? conferenceIds(args.spokeAt, lookups, 'spokeAt') : undefined),
      }),
    },
    {},
    countedEdges,
  ),
}));

// Mutations ---------------------------------------------------------------------------------------

const organisationInputFields = (t: InputFieldBuilder) => ({
  description: t.string(),
  website: t.string(),
});

const organisationRules = organisationRecord.omit({ identifiers: true, aliases: true }).partial();

/** The organisation a write changed, read back with the caller's selection. */
const changedOrganisation = changed('organisation', Organisation, organisations, 'organisationId');

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
    ...writes,
    resolve: async (_root, { input }, { prisma }) => {
      const data = checked(organisationRules, { ...fieldsOf(input), slug: slugOrFrom(input.slug, input.name) });
      const created = await committed(
        prisma,
        (tx) => tx.organisation.create({ data: { ...data, slug: data.slug!, name: data.name! }, select: { id: true } }),
        ({ id }) => [row('Organisation', 'CREATED', id)],
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
    ...writes,
    resolve: async (_root, { input }, { prisma }) => {
      const { id: globalId, ...fields } = fieldsOf(input);
      const data = checked(organisationRules, {
        ...fields,
        name: notNull(fields.name, 'name'),
        slug: notNull(fields.slug, 'slug'),
        kind: notNull(fields.kind, 'kind'),
      });
      const id = await existingId(prisma, 'Organisation', globalId, 'id');
      await committed(prisma, (tx) => tx.organisation.update({ where: { id }, data, select: { id: true } }), () => [row('Organisation', 'UPDATED', id)]);
      return { organisationId: id };
    },
  },
  { outputFields: changedOrganisation },
);

builder.relayMutationField(
  'deleteOrganisation',
  { inputFields: (t) => ({ id: t.globalID({ required: true }) }) },
  {
    ...adminWrites,
    description:
      'Deletes an organisation with its staff roles. Speaker roles, reactions and articles that named it stay, without the organisation.',
    resolve: (_root, { input }, { prisma }) =>
      deleteNode(prisma, 'Organisation', input.id, async (tx, id) => [
        cascade('Affiliation', await tx.affiliation.count({ where: { organisationId: id } })),
        cascade('Speaker', await tx.talkSpeaker.count({ where: { organisationId: id } }), 'UNLINKED'),
        cascade('Reaction', await tx.reaction.count({ where: { organisationId: id } }), 'UNLINKED'),
        cascade('Article', await tx.article.count({ where: { publisherId: id } }), 'UNLINKED'),
      ]),
  },
  deletePayload,
);
