// Organisations: the Organisation node, its staff (affiliations), the talks its people gave, the
// reactions its staff made, and the articles it published.
import { builder } from '../builder.js';
import { reactionConnection, talkConnection } from './facets.js';
import { organisationRecord } from '../dataset/format.js';
import { canonicalSource, canonicalSources, type StoredSource } from '../dataset/sources.js';
import { Prisma } from '../generated/prisma/client.js';
import { bySlug, connection, countedEdges, fromColumns, maybeOne, one, rootConnection } from '../read/fields.js';
import type { PageArgs } from '../read/reader.js';
import { byColumn, desc, through } from '../read/statements.js';
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
import { EvidenceSpan, reactionListArgs, reactionsWhere } from './reactions.js';
import { mostTalksFor, type OrganisationListFilter, organisationListFilter, organisationOrder, rolesAsOf, staffOrder } from '../read/organisations.js';
import { reactionOfOrganisation } from '../read/reactions.js';
import { conferenceIds } from '../read/speaking.js';
import { ConferenceMatch, conferencesSpokenAt } from './speaking.js';
import {
  type AffiliationRow,
  affiliations,
  type ArticleRow,
  articles,
  type OrganisationRow,
  type SpeakerRow,
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
      description:
        'Roles people held at the organisation, with their job titles and dates, by name; a person with several roles there is listed once per role, in the order they were recorded. With asOf, only the roles held on that day (see Person.roles).',
      args: { asOf: t.arg({ type: 'Date', description: 'Only roles held on this day; roles without dates count as held.' }) },
      ...connection<AffiliationRow, PageArgs & AsOfArgs>({
        target: affiliations,
        parent: byColumn('organisationId'),
        where: (row, args) => rolesAsOf(row, args),
        // A person's several roles follow each other by when they were recorded (the id).
        orderBy: staffOrder,
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
          orderBy: mostTalksFor,
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
      description:
        'Reactions that count for the organisation: those recorded as made for it, and those by anyone who held a role there on the day of the talk (see ReactionFilter.organisation).',
      args: reactionListArgs(t.arg),
      ...connection(reactionsWhere(undefined, reactionOfOrganisation)),
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

export const SourceKind = builder.enumType('SourceKind', {
  description: 'What stated a fact.',
  values: {
    SCHEDULE: { description: 'A conference programme that was imported: its file and the record in it.' },
    ARTICLE: { description: 'An article, with the words that say so when known.' },
    API: { description: 'A hand entry through the API, by the token named in recordedBy.' },
    DATASET: { description: 'A talkgraph dataset that was loaded (the seed, an import of a talkgraph file).' },
  } as const,
});

export const Source = builder.objectRef<StoredSource>('Source').implement({
  description: 'Where a fact (a role, the organisation a speaker represented) was stated, and when talkgraph recorded it.',
  fields: (t) => ({
    kind: t.field({ type: SourceKind, resolve: (source) => source.kind }),
    file: t.string({ nullable: true, description: 'The file’s name, e.g. fosdem-2026.xml.', resolve: (source) => source.file ?? null }),
    record: t.string({
      nullable: true,
      description: 'The record in the file: the talk’s id in the schedule (for a role, the first talk the person gave in it).',
      resolve: (source) => source.record ?? null,
    }),
    article: t.field({ type: 'Article', nullable: true, description: 'The article that says so.', ...maybeOne(articles, 'articleId') }),
    evidence: t.field({
      type: [EvidenceSpan],
      nullable: true,
      description: 'Where the article says so.',
      resolve: (source) => source.evidence ?? null,
    }),
    recordedBy: t.string({ nullable: true, description: 'The API token’s name, for a hand entry.', resolve: (source) => source.recordedBy ?? null }),
    recordedAt: t.field({ type: 'DateTime', description: 'When talkgraph recorded it.', resolve: (source) => new Date(source.recordedAt) }),
  }),
});

export const Affiliation = builder.node(builder.objectRef<AffiliationRow>('Affiliation'), {
  description:
    'A role a person held at an organisation: a job title over a period whose start and end may be unknown. A person may hold several roles at one organisation, one after another or with gaps.',
  id: { description: 'The role’s ID, for node(id:), updateRole and removeRole.', resolve: (role) => role.id },
  fields: (t) => ({
    jobTitle: t.exposeString('jobTitle', { nullable: true }),
    startedOn: t.expose('startedOn', { type: 'Date', nullable: true, description: 'The first day of the role; null when unknown.' }),
    endedOn: t.expose('endedOn', { type: 'Date', nullable: true, description: 'The last day of the role; null while it lasts or when unknown.' }),
    person: t.field({ type: 'Person', ...one(people, 'personId') }),
    organisation: t.field({ type: 'Organisation', ...one(organisations, 'organisationId') }),
    sources: t.field({
      type: [Source],
      description: 'Where the role is stated, first recorded first; empty for roles recorded before talkgraph kept sources.',
      ...fromColumns('sources'),
      resolve: (role) => canonicalSources(role.sources),
    }),
  }),
});

builder.objectField('Speaker', 'organisationSource', (t) =>
  t.field({
    type: Source,
    nullable: true,
    description: 'Where the organisation the speaker represented is stated; null without an organisation, or when recorded before talkgraph kept sources.',
    ...fromColumns('organisationSource', 'organisationId'),
    resolve: (speaker: SpeakerRow) => (speaker.organisationId == null ? null : canonicalSource(speaker.organisationSource)),
  }),
);

export type AsOfArgs = { asOf?: Date | null };

export const OrganisationOrder = builder.enumType('OrganisationOrder', {
  values: {
    NAME: { description: 'Alphabetically by name.' },
    MOST_TALKS: {
      description: 'Most talks first: talks a speaker gave for the organisation, at the conferences the list is about when it names some. Each edge’s count is that number.',
    },
  } as const,
});

type OrganisationOrderValue = typeof OrganisationOrder.$inferType;

type OrganisationListArgs = OrganisationListFilter & { orderBy?: OrganisationOrderValue | null };

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
        where: (row, args, _parent, lookups) => organisationListFilter(args, lookups)?.(row),
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
      'Deletes an organisation with its staff roles. Speaker roles, reactions and articles that named it stay, without the organisation (a speaker role without its source either).',
    resolve: (_root, { input }, { prisma }) =>
      deleteNode(prisma, 'Organisation', input.id, async (tx, id) => {
        const cascaded = [
          cascade('Affiliation', await tx.affiliation.count({ where: { organisationId: id } })),
          cascade('Speaker', await tx.talkSpeaker.count({ where: { organisationId: id } }), 'UNLINKED'),
          cascade('Reaction', await tx.reaction.count({ where: { organisationId: id } }), 'UNLINKED'),
          cascade('Article', await tx.article.count({ where: { publisherId: id } }), 'UNLINKED'),
        ];
        // The source said which organisation the speaker represented; with the organisation gone, it says nothing.
        await tx.talkSpeaker.updateMany({ where: { organisationId: id }, data: { organisationSource: Prisma.DbNull } });
        return cascaded;
      }),
  },
  deletePayload,
);
